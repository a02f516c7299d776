// A case's traffic light and status as small badges.
import type { CaseStatus } from '../../../sync/case-state.js';
import type { Light } from '../../domain/traffic-light.js';
import { L } from './config.js';
import { h } from './dom.js';

/** A traffic light: colour and word, so it never depends on colour alone. */
export function lightBadge(light: Light | null | undefined): HTMLSpanElement {
  if (!light) return h('span', { class: 'light light-none' }, '—');
  return h('span', { class: `light light-${light}` }, h('span', { class: 'light-dot', 'aria-hidden': 'true' }), L.light[light]);
}

/** A case's status in words. */
export function statusBadge(status: CaseStatus): HTMLSpanElement {
  return h('span', { class: `status status-${status}` }, L.status[status] ?? status);
}
