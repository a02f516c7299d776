// 网上申请: the resident says which materials are attached and applies; the API places the case.
import { PORTAL_APPLY_PAGE as P } from '../ids/portal-ids.js';
import { errorText } from './api.js';
import type { CaseView } from './case-view.js';
import { pageData } from './config.js';
import { byId, checkboxes, say } from './dom.js';
import { fmtDate, groupCode } from './formats.js';
import { requireResident, residentApi } from './resident-session.js';

byId(P.applyForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const received = checkboxes(byId(P.applyForm))
    .filter((b) => b.checked)
    .map((b) => b.value);
  const button = byId(P.applyButton);
  button.disabled = true;
  const answer = await residentApi<CaseView>('/api/my/cases', { method: 'POST', body: { matterCode: pageData('matterCode'), received } });
  button.disabled = false;
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (!answer.ok) return say(byId(P.applyMsg), errorText(answer));
  const c = answer.body;
  byId(P.applyForm).hidden = true;
  const done = byId(P.applyDone);
  done.hidden = false;
  byId(P.applyCode).textContent = groupCode(c.queryCode);
  byId(P.applyDoneDetail).textContent = `由${c.scopeName}办理，承诺于 ${fmtDate(c.promisedBy)} 前办结${c.outstanding.length ? `；请于 ${fmtDate(c.makeUpBy)} 前补齐 ${c.outstanding.map((m) => m.name).join('、')}` : ''}。`;
  byId(P.applyCaseLink).href = `/portal/cases/${encodeURIComponent(c.id)}`;
  done.focus();
});

requireResident(() => {});
