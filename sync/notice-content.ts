import type { CaseEvent } from './case.js';
import { namedMaterials, type CaseNames, type MatterRef } from './case-view/case-names.js';
import type { NoticeDoc } from './notice.js';
import type { NoticeTemplate } from './notice-templates.js';

/** What a notice's words are drawn from: its case, as a document or as folded. */
export interface NoticeCase {
  queryCode: string;
  matterCode: string;
  matterVersion?: number | undefined;
  matterName: string;
  applicant: { phone: string };
  events: readonly CaseEvent[];
}

type Expected = { template: string; params: Record<string, (value: string) => boolean> };

const is = (want: string | undefined) => (value: string) => value === want;
const exactly = (params: Record<string, string>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, is(v)]));

/** A clerk's note as a notice quotes it: without the closing punctuation the template adds after it. */
export const noticeNote = (note: string) => note.trim().replace(/[。．.！!；;，,、\s]+$/u, '');

/** What a return for materials (退回补正) tells the applicant: the materials by name, the clerk's note, and where to bring them. */
export function returnedNoticeParams(
  e: Extract<CaseEvent, { kind: 'returned' }>,
  matter: MatterRef,
  names: CaseNames,
): Record<string, string> {
  return {
    materials: namedMaterials(names, matter, e.materials)
      .map((m) => m.name)
      .join('、'),
    note: noticeNote(e.note),
    where: names.orgName(e.to),
  };
}

/**
 * What a 容缺 acceptance tells the applicant he owes: the first missing material by name, with
 * "等N项" when there are more (an SMS stays short; the paper notice lists them all), and the date
 * to bring them by. Undefined for an acceptance with nothing owed.
 */
export function makeUpNoticeParams(
  e: Extract<CaseEvent, { kind: 'accepted' }>,
  matter: MatterRef,
  names: CaseNames,
): Record<string, string> | undefined {
  if (!e.makeUpBy || !e.missing.length) return undefined;
  const [first] = namedMaterials(names, matter, e.missing.slice(0, 1));
  const more = e.missing.length > 1 ? `等${e.missing.length}项` : '';
  return { materials: `${first!.name}${more}`, makeUpBy: e.makeUpBy.slice(0, 10) };
}

/** What 预审's request for more tells the applicant: the materials by name and the clerk's note. */
export function amendmentNoticeParams(
  e: Extract<CaseEvent, { kind: 'amendment-requested' }>,
  matter: MatterRef,
  names: CaseNames,
): Record<string, string> {
  return {
    materials: namedMaterials(names, matter, e.materials)
      .map((m) => m.name)
      .join('、'),
    note: noticeNote(e.note),
  };
}

/** What the notice of an issued licence says: the licence by the name the matter's guide gives it, and its number. */
export function licenceNoticeParams(
  l: { licenceType: string; number: string },
  matter: MatterRef,
  names: CaseNames,
): Record<string, string> {
  return { licence: names.licenceName(matter, l.licenceType) ?? l.licenceType, number: l.number };
}

/** The notice a result handed out calls for, naming where it is: a hall's window, its locker and the code, or the courier and the tracking number. */
export function deliveredNotice(
  e: Extract<CaseEvent, { kind: 'delivered' }>,
  names: Pick<CaseNames, 'orgName'>,
): { template: NoticeTemplate; params: Record<string, string> } {
  const where = names.orgName(e.actor.org);
  if (e.method === 'window') return { template: 'case.result-at-window', params: { where } };
  if (e.method === 'locker')
    return { template: 'case.result-in-locker', params: { where, lockerCode: e.lockerCode ?? '' } };
  return { template: 'case.result-by-courier', params: { courier: e.courier ?? '快递', tracking: e.tracking ?? '' } };
}

/**
 * Why a notice does not say what its case calls for, or undefined when it does. The part of its
 * id after the case names what caused it (the outbox plans it so): the acceptance (a 容缺 one with
 * what is owed and by when), a return, the completion or the handing out of the case, its make-up
 * deadline or its missed deadline, the rating invitation; for an online application a 预审
 * decision; a licence the completion issued. That fixes the template and every parameter — the
 * case's query code and matter, the materials owed and their date, the return's own note,
 * materials and window, a deadline the case has had, where the result is, a rating link for
 * this very case, the 预审 decision's own list and note or reason, the licence by its guide's name
 * and number — so no hall, not even the case's own, can make a notice carry words of its own
 * choosing. The write rule applies it, and a node's outbox again before it sends.
 */
export function noticeContentProblem(
  doc: Pick<NoticeDoc, '_id' | 'caseId' | 'template' | 'params' | 'phone'>,
  kase: NoticeCase,
  names: CaseNames,
): string | undefined {
  if (doc.phone !== kase.applicant.phone) return "a notice goes to the case's applicant";
  const key = doc._id.slice(`notice:${doc.caseId}:`.length);
  const expected = expectedOf(key, doc.template, doc.caseId, kase, names);
  if (!expected) return `nothing in case ${doc.caseId} calls for notice ${key}`;
  if (doc.template !== expected.template)
    return `notice ${key} of this case is a ${expected.template}, not ${doc.template}`;
  const given = Object.keys(doc.params).sort().join(',');
  const wanted = Object.keys(expected.params).sort().join(',');
  if (given !== wanted) return `a ${expected.template} notice has the parameters ${wanted}, not ${given}`;
  const wrong = Object.keys(expected.params).find((name) => !expected.params[name]!(doc.params[name]!));
  return wrong ? `parameter ${wrong} is not what the case says` : undefined;
}

function expectedOf(
  key: string,
  template: string,
  caseId: string,
  kase: NoticeCase,
  names: CaseNames,
): Expected | undefined {
  const base = { queryCode: is(kase.queryCode), matter: is(kase.matterName) };
  const event = kase.events.find((e) => e.id === key);
  const accepted = kase.events.find((e) => e.kind === 'accepted');
  if (event?.kind === 'accepted' && event === accepted) {
    // Planned on the case as it stood then: the deadline promised at acceptance, or one it was moved to since.
    const dates = new Set(kase.events.flatMap((e) => ('promisedBy' in e ? [e.promisedBy.slice(0, 10)] : [])));
    const params = { ...base, promisedBy: (v: string) => dates.has(v) };
    // A 容缺 acceptance names what is owed and by when; the plain notice halls wrote of one before
    // they did stays valid (its sending state still changes, and an older hall still writes it).
    const makeUp = makeUpNoticeParams(event, kase, names);
    if (!makeUp || template === 'case.accepted') return { template: 'case.accepted', params };
    return { template: 'case.accepted-make-up', params: { ...params, ...exactly(makeUp) } };
  }
  if (event?.kind === 'returned')
    return {
      template: 'case.materials-requested',
      params: { ...base, ...exactly(returnedNoticeParams(event, kase, names)) },
    };
  if (event?.kind === 'amendment-requested')
    return {
      template: 'case.amendment-requested',
      params: { ...base, ...exactly(amendmentNoticeParams(event, kase, names)) },
    };
  if (event?.kind === 'commitment-checked' && event.outcome === 'false')
    return { template: 'case.commitment-false', params: { ...base, note: is(event.note) } };
  if (event?.kind === 'refused') return { template: 'case.refused', params: { ...base, reason: is(event.reason) } };
  if (key.startsWith('licence-')) {
    const number = key.slice('licence-'.length);
    const issued = kase.events
      .flatMap((e) => (e.kind === 'completed' ? (e.licences ?? []) : []))
      .find((l) => l.number === number);
    if (issued)
      return {
        template: 'licence.issued',
        params: { ...base, ...exactly(licenceNoticeParams(issued, kase, names)) },
      };
  }
  if (event?.kind === 'completed') return { template: 'case.completed', params: base };
  if (event?.kind === 'delivered') {
    const n = deliveredNotice(event, names);
    return { template: n.template, params: { ...base, ...exactly(n.params) } };
  }
  if (key === 'make-up-due' && accepted?.kind === 'accepted' && accepted.makeUpBy)
    return { template: 'case.make-up-due', params: { ...base, makeUpBy: is(accepted.makeUpBy.slice(0, 10)) } };
  if (key === 'make-up-overdue' && kase.events.some((e) => e.kind === 'make-up-overdue'))
    return { template: 'case.make-up-overdue', params: base };
  if (key === 'rating-invite' && kase.events.some((e) => e.kind === 'completed'))
    return { template: 'case.rating-invite', params: { ...base, link: (v) => ratingLinkNames(v, caseId) } };
  return undefined;
}

/** Whether a rating link's token names this case, for the SMS channel (its signature is the hall's own to check). */
function ratingLinkNames(link: string, caseId: string): boolean {
  const token = link.split('/rate/')[1] ?? '';
  const body = token.split('.')[0] ?? '';
  try {
    const grant = JSON.parse(atob(body.replaceAll('-', '+').replaceAll('_', '/'))) as {
      k?: unknown;
      id?: unknown;
      via?: unknown;
    };
    return grant.k === 'case' && grant.id === caseId && grant.via === 'sms';
  } catch {
    return false;
  }
}
