// On the pages anyone may open (办事指南, 办件查询) the staff menu and actions are rendered hidden:
// a visitor never sees them, a clerk signed in in this tab does. The home page's tiles of the
// admin's pages (人员管理, 证书管理, …) wait for an admin.
import { currentClerk } from './api.js';

const clerk = currentClerk();
if (clerk) for (const el of document.querySelectorAll<HTMLElement>('[data-staff-only]')) el.hidden = false;
if (clerk?.staff.roles.includes('admin'))
  for (const el of document.querySelectorAll<HTMLElement>('[data-admin-only]')) el.hidden = false;
