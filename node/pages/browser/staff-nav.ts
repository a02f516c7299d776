// On the pages anyone may open (办事指南, 办件查询) the staff menu and actions are rendered hidden:
// a visitor never sees them, a clerk signed in in this tab does.
import { currentClerk } from './api.js';

if (currentClerk()) for (const el of document.querySelectorAll<HTMLElement>('[data-staff-only]')) el.hidden = false;
