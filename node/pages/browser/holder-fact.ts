import type { CasePhase } from '../../../sync/case-view/case-phase.js';

/**
 * The line naming the office a case is with, as a term and the office's name. A closed case is with
 * no office any more: a decided one names who decided it (办结机构), the others none.
 */
export function holderFact(c: {
  phase: CasePhase;
  closedAt?: string | undefined;
  holderName: string;
}): [term: string, name: string] | undefined {
  if (!c.closedAt) return ['当前办理机构', c.holderName];
  return c.phase === 'completed' || c.phase === 'rejected' ? ['办结机构', c.holderName] : undefined;
}
