import {
  amendmentNoticeParams,
  deliveredNotice,
  isClosed,
  licenceNoticeParams,
  makeUpNoticeParams,
  renderNotice,
  returnedNoticeParams,
  type CaseNames,
  type CaseState,
  type NoticeTemplate,
} from '../../sync/index.js';
import type { WorkCalendar } from '../domain/working-days.js';

/** An SMS a case calls for, with the id that makes it one notice however many times it is planned. */
export interface PlannedNotice {
  id: string;
  template: string;
  params: Record<string, string>;
  text: string;
}

const DAY_MS = 86_400_000;

/**
 * 短信通知: the messages a case's state calls for — at acceptance (with what a 容缺 case owes and
 * by when), when materials are asked for (which, by name, and where to bring them), when a make-up
 * deadline is a working day away, when it has passed, at completion, and when the result is handed out (where: a hall's window, a
 * locker and its code, a courier and the tracking number); for an online application, the 预审
 * decisions (more asked for, refused); for a licence, its issue. Ids come from the events that
 * caused them, so planning twice, or on two replicas, plans the same notice; what each says is
 * what the write rule expects of it (sync/notice-content.ts).
 */
export function planNotices(
  c: CaseState,
  now: Date,
  calendar: WorkCalendar,
  hallName: string,
  names: CaseNames,
): PlannedNotice[] {
  const out: PlannedNotice[] = [];
  const code = c.queryCode;
  const add = (key: string, template: NoticeTemplate, extra: Record<string, string>) => {
    const params = { queryCode: code, matter: c.matterName, ...extra };
    out.push({ id: `notice:${c.id}:${key}`, template, params, text: renderNotice(template, params, hallName)! });
  };
  const folded = (id: string) => !c.flags.some((f) => f.eventId === id);
  // The acceptance that counts (an online application's is the clerk's, after 预审).
  const accepted = c.events.find((e) => e.kind === 'accepted' && folded(e.id));
  // Acceptance and completion are courtesy notices an applicant may decline; asking for materials,
  // a missed make-up deadline and where to collect the result are the procedure's own 告知 and always go.
  if (accepted?.kind === 'accepted' && c.promisedBy && !c.instant && !c.noticesOptedOut) {
    // 容缺: the acceptance also names what is owed and by when.
    const makeUp = makeUpNoticeParams(accepted, c, names);
    const promisedBy = c.promisedBy.slice(0, 10);
    if (makeUp) add(accepted.id, 'case.accepted-make-up', { promisedBy, ...makeUp });
    else add(accepted.id, 'case.accepted', { promisedBy });
  }
  for (const e of c.events) {
    if (e.kind === 'returned') add(e.id, 'case.materials-requested', returnedNoticeParams(e, c, names));
    // 预审's decisions are told whatever the applicant opted out of: he has to act on them.
    if (e.kind === 'amendment-requested' && folded(e.id))
      add(e.id, 'case.amendment-requested', amendmentNoticeParams(e, c, names));
    if (e.kind === 'refused' && folded(e.id)) add(e.id, 'case.refused', { reason: e.reason });
  }
  if (c.makeUpBy && c.outstanding.length && !isClosed(c.status)) {
    const due = Date.parse(c.makeUpBy);
    const dayBefore = Date.parse(calendar.deadline(new Date(due - DAY_MS), 0)) - DAY_MS;
    if (now.getTime() >= dayBefore && now.getTime() <= due) {
      add('make-up-due', 'case.make-up-due', { makeUpBy: c.makeUpBy.slice(0, 10) });
    }
  }
  // The check that counted (the fold keeps the first), when it found the commitment untrue: his result is void.
  const check = c.events.find((e) => e.kind === 'commitment-checked' && folded(e.id));
  if (check?.kind === 'commitment-checked' && c.commitmentCheck?.outcome === 'false')
    add(check.id, 'case.commitment-false', { note: check.note });
  if (c.makeUpOverdue) add('make-up-overdue', 'case.make-up-overdue', {});
  const completed = c.events.find((e) => e.kind === 'completed');
  const delivered = c.events.find((e) => e.kind === 'delivered' && !c.flags.some((f) => f.eventId === e.id));
  // Handed out at once, the notice of where the result is says it all: no second SMS that it is done.
  if (c.status === 'completed' && completed && !c.instant && !c.noticesOptedOut && !delivered) {
    add(completed.id, 'case.completed', {});
  }
  if (c.status === 'completed' && delivered?.kind === 'delivered') {
    const n = deliveredNotice(delivered, names);
    add(delivered.id, n.template, n.params);
  }
  if (c.status === 'completed')
    for (const l of c.licences) add(`licence-${l.number}`, 'licence.issued', licenceNoticeParams(l, c, names));
  return out;
}
