// 后台审批 inbox: this department's own stage tasks and the cases forwarded or returned here.
import type { Light } from '../../domain/traffic-light.js';
import { INBOX_PAGE as P } from '../ids/office-ids.js';
import { errorText } from './api.js';
import { lightBadge } from './badges.js';
import { returnedBy } from './case-parts.js';
import type { CasePage, CaseView } from './case-view.js';
import { clerkApi, holdsCaseRight, requireClerkWhere } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime, groupCode } from './formats.js';
import { longText } from './long-text.js';
import { organisations } from './organisations.js';

/** A case held here, as GET /api/inbox lists it (node/http/routes/inbox.ts). */
interface HeldCase {
  id: string;
  queryCode: string;
  matterName: string;
  from: string;
  note?: string | undefined;
  waitingForApplicant?: CaseView['waitingForApplicant'];
  promisedBy: string;
  light: Light | null;
}

/** A staged case this office holds whose next stage it may start (全程代办), as GET /api/inbox lists it. */
interface CoordinateItem {
  id: string;
  queryCode: string;
  matterName: string;
  stage: number;
  stageName: string;
  promisedBy: string;
  light: Light | null;
}

/** What GET /api/inbox answers: for the caller's own office. */
interface Inbox {
  office: string;
  held: HeldCase[];
  coordinate: CoordinateItem[];
  tasks: StageTaskItem[];
}

/** One of this department's pending stage tasks, as GET /api/inbox lists it. */
interface StageTaskItem {
  id: string;
  queryCode: string;
  matterName: string;
  stage: number;
  stageName: string;
  startedAt: string;
  promisedBy: string;
  light: Light | null;
}

const POLL_MS = 10_000;
let timer: ReturnType<typeof setTimeout> | undefined;

const caseLink = (item: { id: string; queryCode: string }) =>
  h('a', { href: `/office/cases/${encodeURIComponent(item.id)}`, class: 'code-link' }, groupCode(item.queryCode));

async function load(): Promise<void> {
  clearTimeout(timer);
  const [answer, open, orgs] = await Promise.all([
    clerkApi<Inbox>('/api/inbox'),
    clerkApi<CasePage>('/api/cases?status=processing&limit=200'),
    organisations(),
  ]);
  timer = setTimeout(load, POLL_MS);
  if (!answer.ok) return say(byId(P.inboxMsg), errorText(answer));
  say(byId(P.inboxMsg), '');
  const { office, held, coordinate, tasks } = answer.body;
  byId(P.officeName).textContent =
    `本机构：${orgs.get(office)?.name ?? office}${office !== CONFIG.org ? `（进驻${CONFIG.orgName}）` : ''}`;
  // A hall's back office is no department: it has no stage tasks of its own, so no place for them.
  const noTasks = orgs.get(office)?.kind !== 'department' && tasks.length === 0;
  byId(P.tasksTile).hidden = noTasks;
  byId(P.tasksCard).hidden = noTasks;
  // A case this office returned for materials sits with the applicant's hall while it waits (so
  // /api/inbox does not list it here), and comes back once the materials are in: say which.
  for (const c of open.ok ? open.body.items : []) {
    if (returnedBy(c) !== office) continue;
    const note = c.waitingForApplicant ? `已退回补正：${c.waitingForApplicant.note}` : '补正材料已收齐，请继续办理';
    const listed = held.find((x) => x.id === c.id);
    if (listed) listed.note = note;
    else
      held.push({
        id: c.id,
        queryCode: c.queryCode,
        matterName: c.matterName,
        from: c.holder,
        note,
        waitingForApplicant: c.waitingForApplicant,
        promisedBy: c.promisedBy ?? '',
        light: c.light,
      });
  }
  const byDeadline = (a: { promisedBy: string }, b: { promisedBy: string }) => (a.promisedBy < b.promisedBy ? -1 : 1);
  tasks.sort(byDeadline);
  held.sort(byDeadline);
  byId(P.countTasks).textContent = String(tasks.length);
  byId(P.countHeld).textContent = String(held.length);
  byId(P.countLate).textContent = String(
    new Set([...tasks, ...held].filter((i) => i.light === 'yellow' || i.light === 'red').map((i) => i.id)).size,
  );
  fill(
    byId(P.tasksBody),
    tasks.map((t) =>
      h(
        'tr',
        {},
        h('td', {}, lightBadge(t.light)),
        h('td', {}, caseLink(t)),
        h('td', {}, t.matterName),
        h('td', {}, `第 ${t.stage + 1} 阶段：${t.stageName}`),
        h('td', {}, fmtDateTime(t.startedAt)),
        h('td', {}, fmtDateTime(t.promisedBy)),
      ),
    ),
  );
  byId(P.tasksEmpty).hidden = tasks.length > 0;
  fill(
    byId(P.heldBody),
    held.map((c) =>
      h(
        'tr',
        {},
        h('td', {}, lightBadge(c.light)),
        h('td', {}, caseLink(c)),
        h('td', {}, c.matterName, c.waitingForApplicant ? h('span', { class: 'tag tag-secondary' }, '等待补正') : null),
        h('td', {}, orgs.get(c.from)?.name ?? c.from),
        h('td', {}, longText(c.note ?? '')),
        h('td', {}, fmtDateTime(c.promisedBy)),
      ),
    ),
  );
  byId(P.heldEmpty).hidden = held.length > 0;
  byId(P.coordinateCard).hidden = !coordinate.length;
  fill(
    byId(P.coordinateBody),
    coordinate
      .sort(byDeadline)
      .map((c) =>
        h(
          'tr',
          {},
          h('td', {}, lightBadge(c.light)),
          h('td', {}, caseLink(c)),
          h('td', {}, c.matterName),
          h('td', {}, `第 ${c.stage + 1} 阶段：${c.stageName}`),
          h('td', {}, fmtDateTime(c.promisedBy)),
        ),
      ),
  );
}

requireClerkWhere(
  holdsCaseRight,
  '后台审批供后台审批人员、窗口人员和负责人使用，您的账号不办理办件。',
  () => void load(),
);
