import type { CasePhase } from '../../../sync/case-view/case-phase.js';

/**
 * The line naming the office a case is with, as a term and the office's name. A closed case is with
 * no office any more: a decided one names who decided it (办结机构; the department whose 不予通过
 * ended it), the others none.
 */
export function holderFact(c: {
  phase: CasePhase;
  closedAt?: string | undefined;
  holderName: string;
  declinedBy?: { office: string } | undefined;
}): [term: string, name: string] | undefined {
  if (!c.closedAt) return ['当前办理机构', c.holderName];
  if (c.phase === 'declined') return c.declinedBy ? ['作出决定机构', c.declinedBy.office] : undefined;
  return c.phase === 'completed' || c.phase === 'rejected' ? ['办结机构', c.holderName] : undefined;
}
