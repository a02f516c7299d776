// A case's traffic light and status as small badges.
import type { CaseStatus } from '../../../sync/case-state.js';
import type { CasePhase } from '../../../sync/case-view/case-phase.js';
import type { Light } from '../../domain/traffic-light.js';
import { L, label } from './config.js';
import { h } from './dom.js';

/**
 * A traffic light: colour and word, so it never depends on colour alone; a paused light says how
 * many working days the applicant has been waited for.
 */
export function lightBadge(light: Light | null | undefined, pausedDays?: number): HTMLSpanElement {
  if (!light) return h('span', { class: 'light light-none' }, '—');
  const words =
    light === 'paused' && pausedDays !== undefined
      ? `${L.light.paused} · 已等待补正 ${pausedDays} 个工作日`
      : L.light[light];
  return h('span', { class: `light light-${light}` }, h('span', { class: 'light-dot', 'aria-hidden': 'true' }), words);
}

/** A case's status in words; `declined` when a department's 不予通过 ended it (审批不通过, not 不予受理/退件). */
export function statusBadge(status: CaseStatus, declined = false): HTMLSpanElement {
  if (status === 'rejected' && declined) return phaseBadge('declined');
  return h('span', { class: `status status-${status}` }, L.status[status] ?? status);
}

/** Where a case stands for the applicant (退回补正 while it waits for him), in words. */
export function phaseBadge(phase: CasePhase): HTMLSpanElement {
  return h('span', { class: `status status-${phase}` }, label(L.phase, phase));
}
