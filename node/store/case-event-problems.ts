import { eventSigningInput, type CaseDoc, type CaseFlagCode } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';

/**
 * The events of a case this node does not fold, and why: a signature that does not verify against
 * a key the district vouches for (or that was made after its certificate was revoked), or a signing
 * node that may not act for the office the event names. Also says whether some signer is simply
 * not known yet (its certificate may still be on its way), so the case is looked at again later.
 */
export function caseEventProblems(
  doc: CaseDoc,
  keys: SignerKeys,
): { problems: Map<string, CaseFlagCode>; unknownSigner: boolean } {
  const problems = new Map<string, CaseFlagCode>();
  let unknownSigner = false;
  for (const e of doc.events) {
    if (keys.orgOf(e.kid) === undefined) {
      unknownSigner = true;
      problems.set(e.id, 'ERR_EVENT_SIGNATURE');
    } else if (!keys.verify(e.kid, eventSigningInput(doc._id, e, doc), e.sig, e.at)) {
      problems.set(e.id, 'ERR_EVENT_SIGNATURE');
    } else if (!keys.covers(e.kid, e.actor.org)) {
      problems.set(e.id, 'ERR_EVENT_SIGNER');
    }
  }
  return { problems, unknownSigner };
}
