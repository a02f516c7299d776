import type { CaseState } from '../case-state.js';

/** Who a resident is, as his verified access token says. */
export interface ResidentClaim {
  /** The account's id (without `resident:`). */
  id: string;
  idNumber: string;
  /** A clerk has seen his ID card at a window (token claim `idv`). */
  verified: boolean;
}

/**
 * Whether a case is the resident's: a person's case under his resident ID number once a clerk has
 * verified him in person, and before that only the cases he submitted himself — anyone can sign
 * up with a stranger's number. The one rule of every hall and of the hub.
 */
export function residentOwnsCase(
  state: Pick<CaseState, 'applicant' | 'acceptedBy' | 'appliedBy'>,
  r: ResidentClaim,
): boolean {
  const a = state.applicant;
  if (a.kind !== 'person' || a.idType !== 'resident-id' || a.idNumber !== r.idNumber) return false;
  // An online application is his from its first event (`applied`), before any clerk accepts it.
  return r.verified || (state.appliedBy ?? state.acceptedBy)?.id === `resident:${r.id}`;
}
