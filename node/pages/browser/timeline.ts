// A case's events as a timeline, oldest first.
import type { Actor, CaseEvent, LibraryUse, TrackedCase } from '../../../sync/index.js';
import { L, label } from './config.js';
import { h, type Child } from './dom.js';
import { fmtDate, fmtDateTime } from './formats.js';
import { longText } from './long-text.js';

/** A step of a case as public tracking shows it: what happened, when and at which office; no names of people. */
export type PublicStep = TrackedCase['steps'][number];

const byTime = <T extends { at: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

function item(e: { kind: string; at: string }, ...more: Child[]): HTMLLIElement {
  return h(
    'li',
    { class: `timeline-item event-${e.kind}` },
    h('span', { class: 'timeline-time' }, fmtDateTime(e.at)),
    h('strong', { class: 'timeline-kind' }, label(L.event, e.kind)),
    ...more,
  );
}

/** The steps of a case for public tracking: what happened when and at which office, with no names of people. */
export function publicTimeline(steps: readonly PublicStep[]): HTMLOListElement {
  return h(
    'ol',
    { class: 'timeline' },
    byTime(steps).map((e) =>
      item(
        e,
        h('span', { class: 'timeline-actor' }, e.office),
        e.to ? h('span', { class: 'timeline-detail' }, `${e.kind === 'returned' ? '退回' : '转至'} ${e.to}`) : null,
        e.method ? h('span', { class: 'timeline-detail' }, label(L.delivery, e.method)) : null,
      ),
    ),
  );
}

/**
 * A case's events as a timeline, oldest first, with who acted and the details. `names` maps
 * material ids to names; `orgs` maps organisation paths to names.
 */
export function timeline(
  events: readonly CaseEvent[],
  {
    names = new Map(),
    orgs = new Map(),
  }: { names?: ReadonlyMap<string, string>; orgs?: ReadonlyMap<string, string> } = {},
): HTMLOListElement {
  return h(
    'ol',
    { class: 'timeline' },
    byTime(events).map((e) =>
      item(e, h('span', { class: 'timeline-actor' }, actorText(e.actor, orgs)), eventDetail(e, names, orgs)),
    ),
  );
}

/**
 * Who acted, as they really are: a clerk at his office, the applicant himself online (not a clerk of
 * the hall that received it), or the node acting on its own (the coordination of parallel approval).
 */
export function actorText(actor: Actor | undefined, orgs: ReadonlyMap<string, string>): string {
  if (!actor) return '';
  const where = orgs.get(actor.org) ?? actor.org;
  if (actor.id.startsWith('resident:')) return `申请人 ${actor.name ?? ''}（网上提交，${where}接收）`;
  if (actor.id.startsWith('node:')) return `${where} · 系统自动${actor.name ? `（${actor.name}）` : ''}`;
  return actor.name ? `${where} · ${actor.name}` : where;
}

/** What a case took from the applicant's library instead of paper. */
function libraryText(uses: readonly LibraryUse[], name: (id: string) => string): string {
  return uses.length
    ? `免提交：${uses.map((u) => `${name(u.materialId)}（${u.source === 'licence' ? `电子证照 ${u.number}` : '已核验材料'}）`).join('、')}`
    : '';
}

function eventDetail(
  e: CaseEvent,
  names: ReadonlyMap<string, string>,
  orgs: ReadonlyMap<string, string>,
): HTMLSpanElement | null {
  const name = (id: string) => names.get(id) ?? id;
  const org = (path: string) => orgs.get(path) ?? path;
  const detail = (...parts: (string | undefined)[]) => longText(parts.filter(Boolean).join('；'), 'timeline-detail');
  switch (e.kind) {
    case 'forwarded':
      return detail(`转至 ${org(e.to)}`, e.note);
    case 'returned':
      return detail(`退回 ${org(e.to)}`, e.note, e.materials.length ? `需补：${e.materials.map(name).join('、')}` : '');
    case 'supplemented':
      return detail(e.materials.map(name).join('、'), e.promisedBy ? `承诺办结顺延至 ${fmtDate(e.promisedBy)}` : '');
    case 'stage-started':
      return detail(e.name, e.departments.map(org).join('、'));
    case 'approved':
      return detail(org(e.department), e.note);
    case 'declined':
      return detail(org(e.department), e.reason ? `原因：${e.reason}` : '');
    case 'extended':
      return detail(`延长 ${e.days} 个工作日至 ${fmtDate(e.promisedBy)}`, e.reason);
    case 'delivered':
      return detail(label(L.delivery, e.method), e.courier, e.tracking ? `单号 ${e.tracking}` : '');
    case 'applied':
      return detail(
        e.received.length ? `上传：${e.received.map(name).join('、')}` : '',
        libraryText(e.library, name),
        '等待预审',
      );
    case 'amendment-requested':
      return detail(`需补充：${e.materials.map(name).join('、')}`, e.note);
    case 'amended':
      return detail(
        e.materials.length ? `补传：${e.materials.map(name).join('、')}` : '',
        libraryText(e.library, name),
      );
    case 'refused':
      return detail(`原因：${e.reason}`);
    case 'accepted': {
      const parts = [label(L.channel, e.channel), libraryText(e.library ?? [], name)];
      if (e.missing.length) parts.push(`容缺：${e.missing.map(name).join('、')}，补正期限 ${fmtDate(e.makeUpBy)}`);
      parts.push(`承诺办结 ${fmtDate(e.promisedBy)}`);
      return h('span', { class: 'timeline-detail' }, parts.filter(Boolean).join('；'));
    }
    case 'material-received':
      return h('span', { class: 'timeline-detail' }, name(e.materialId), e.note ? `（${e.note}）` : '');
    case 'completed':
      return detail(e.result, ...(e.licences ?? []).map((l) => `签发电子证照 ${l.number}`));
    case 'commitment-checked':
      return detail(e.outcome === 'true' ? '承诺属实' : '承诺不实，撤销办理结果', e.note);
    case 'rejected':
    case 'withdrawn':
      return e.reason ? detail(`原因：${e.reason}`) : null;
    default:
      return null;
  }
}
