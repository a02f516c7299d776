// 网上申请: the resident says which materials are attached and applies; the API places the case.
import { CONFIG, byId, errorText, fmtDate, groupCode, say } from './common.js';
import { requireResident, residentApi } from './resident-session.js';

byId('apply-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const received = [...document.querySelectorAll('#apply-form input[type=checkbox]:checked')].map((b) => b.value);
  const button = byId('apply-button');
  button.disabled = true;
  const answer = await residentApi('/api/my/cases', { method: 'POST', body: { matterCode: CONFIG.matterCode, received } });
  button.disabled = false;
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (!answer.ok) return say(byId('apply-msg'), errorText(answer));
  const c = answer.body;
  byId('apply-form').hidden = true;
  const done = byId('apply-done');
  done.hidden = false;
  byId('apply-code').textContent = groupCode(c.queryCode);
  byId('apply-done-detail').textContent = `由${c.scopeName}办理，承诺于 ${fmtDate(c.promisedBy)} 前办结${c.outstanding.length ? `；请于 ${fmtDate(c.makeUpBy)} 前补齐 ${c.outstanding.map((m) => m.name).join('、')}` : ''}。`;
  byId('apply-case-link').href = `/portal/cases/${encodeURIComponent(c.id)}`;
  done.focus();
});

requireResident(() => {});
