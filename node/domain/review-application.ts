import { randomUUID } from 'node:crypto';
import {
  HallnetError,
  makeUpWorkingDays,
  type Actor,
  type CaseState,
  type Matter,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import { completion } from './case-actions.js';
import type { WorkCalendar } from './working-days.js';

/** A clerk's decision on an online application in 预审. */
export type ReviewDecision =
  | { decision: 'accept' }
  | { decision: 'amend'; materials: string[]; note: string }
  | { decision: 'refuse'; reason: string };

export interface ReviewContext {
  matter: Matter | undefined;
  actor: Actor;
  now: Date;
  calendar: WorkCalendar;
}

/**
 * 预审: the handling hall's clerk accepts an online application (the acceptance, and with it the
 * promised deadline, starts now; a 即办件 complete in full is completed at once), asks the resident
 * for more (with the list), or refuses it with a reason. Only the hall the case was placed at
 * decides, while the case is in 预审; the write rule holds every writer to the same.
 */
export function decideReview(state: CaseState, d: ReviewDecision, ctx: ReviewContext): UnsignedCaseEvent[] {
  if (state.status !== 'pre-review')
    throw new HallnetError('ERR_CASE_STATE', `case is ${state.status}`, {
      issues: [{ field: 'decision', reason: 'the case is not in pre-review / 办件不在预审中' }],
    });
  if (ctx.actor.org !== state.scope) {
    throw new HallnetError('ERR_NOT_RESPONSIBLE', `${state.scope} reviews this application, not ${ctx.actor.org}`, {
      issues: [{ field: 'decision', reason: `reviewed by ${state.scope} / 该网上申请由其他大厅预审，本机构不能审核` }],
      detail: { holder: state.scope },
    });
  }
  const at = ctx.now.toISOString();
  const base = { id: randomUUID(), at, actor: ctx.actor };
  const { matter } = ctx;
  switch (d.decision) {
    case 'amend': {
      const unknown = d.materials.filter((m) => !matter?.materials.some((x) => x.id === m));
      if (unknown.length)
        throw new HallnetError('ERR_VALIDATION', `unknown materials ${unknown.join(', ')}`, {
          issues: [{ field: 'materials', reason: 'not materials of this matter / 非本事项材料' }],
        });
      return [{ ...base, kind: 'amendment-requested', materials: d.materials, note: d.note }];
    }
    case 'refuse':
      return [{ ...base, kind: 'refused', reason: d.reason }];
    case 'accept': {
      const materials = matter?.materials ?? [];
      const missing = materials.filter((m) => m.necessity !== 'optional' && !state.received.includes(m.id));
      const blocking = missing.filter((m) => m.necessity === 'required' || !matter?.allowsMakeUp);
      if (!matter || blocking.length) {
        throw new HallnetError('ERR_CASE_MATERIAL_MISSING', `missing: ${blocking.map((m) => m.id).join(', ')}`, {
          issues: blocking.map((m) => ({
            field: 'decision',
            reason: `${m.id} missing: ask for it / 缺少${m.name}，请要求申请人补充`,
          })),
          detail: { missing: blocking.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity })) },
        });
      }
      const accepted: UnsignedCaseEvent = {
        ...base,
        kind: 'accepted',
        channel: 'online',
        received: state.received.filter((m) => !state.library.some((u) => u.materialId === m)),
        missing: missing.map((m) => m.id),
        promisedBy: ctx.calendar.deadline(ctx.now, matter.promisedDays),
        ...(missing.length ? { makeUpBy: ctx.calendar.deadline(ctx.now, makeUpWorkingDays(matter)) } : {}),
        ...(state.commitments.length && matter.commitmentCheckDays
          ? { checkBy: ctx.calendar.deadline(ctx.now, matter.commitmentCheckDays) }
          : {}),
      };
      if (!matter.instant || missing.length) return [accepted];
      return [accepted, completion({ id: randomUUID(), at, actor: ctx.actor }, matter, ctx.now, '即办件当场办结')];
    }
  }
}
