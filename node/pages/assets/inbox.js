// 后台审批 inbox: this department's own stage tasks and the cases forwarded or returned here.
import { CONFIG, byId, errorText, fill, fmtDateTime, groupCode, h, lightBadge, orgNames, say } from './common.js';
import { returnedBy } from './case-parts.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const POLL_MS = 10_000;
let timer;

const caseLink = (item) => h('a', { href: `/office/cases/${encodeURIComponent(item.id)}`, class: 'code-link' }, groupCode(item.queryCode));

async function load() {
  clearTimeout(timer);
  const [answer, open, orgs] = await Promise.all([clerkApi('/api/inbox'), clerkApi('/api/cases?status=processing&limit=200'), orgNames()]);
  timer = setTimeout(load, POLL_MS);
  if (!answer.ok) return say(byId('inbox-msg'), errorText(answer));
  say(byId('inbox-msg'), '');
  const { held, tasks } = answer.body;
  // A case this office returned for materials sits with the applicant's hall while it waits (so
  // /api/inbox does not list it here), and comes back once the materials are in: say which.
  for (const c of open.ok ? open.body.items : []) {
    if (returnedBy(c) !== CONFIG.org) continue;
    const note = c.waitingForApplicant ? `已退回补正：${c.waitingForApplicant.note}` : '补正材料已收齐，请继续办理';
    const listed = held.find((x) => x.id === c.id);
    if (listed) listed.note = note;
    else held.push({ id: c.id, queryCode: c.queryCode, matterName: c.matterName, from: c.holder, note, waitingForApplicant: c.waitingForApplicant, promisedBy: c.promisedBy, light: c.light });
  }
  const byDeadline = (a, b) => (a.promisedBy < b.promisedBy ? -1 : 1);
  tasks.sort(byDeadline);
  held.sort(byDeadline);
  byId('count-tasks').textContent = String(tasks.length);
  byId('count-held').textContent = String(held.length);
  byId('count-late').textContent = String(new Set([...tasks, ...held].filter((i) => i.light === 'yellow' || i.light === 'red').map((i) => i.id)).size);
  fill(
    byId('tasks-body'),
    tasks.map((t) =>
      h('tr', {}, h('td', {}, lightBadge(t.light)), h('td', {}, caseLink(t)), h('td', {}, t.matterName), h('td', {}, `第 ${t.stage + 1} 阶段：${t.stageName}`), h('td', {}, fmtDateTime(t.startedAt)), h('td', {}, fmtDateTime(t.promisedBy))),
    ),
  );
  byId('tasks-empty').hidden = tasks.length > 0;
  fill(
    byId('held-body'),
    held.map((c) =>
      h(
        'tr',
        {},
        h('td', {}, lightBadge(c.light)),
        h('td', {}, caseLink(c)),
        h('td', {}, c.matterName, c.waitingForApplicant ? h('span', { class: 'tag tag-secondary' }, '等待补正') : null),
        h('td', {}, orgs.get(c.from) ?? c.from),
        h('td', {}, c.note ?? ''),
        h('td', {}, fmtDateTime(c.promisedBy)),
      ),
    ),
  );
  byId('held-empty').hidden = held.length > 0;
}

requireClerk(() => void load());
