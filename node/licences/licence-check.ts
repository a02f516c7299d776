import { licenceLapse, licenceSealInput, type LicenceDoc, type LicenceLapse } from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';

/** Why a licence is not shown valid: not in the register, a seal that does not verify, a sealing node that may not issue it (or was revoked), or lapsed. */
export type LicenceProblem = 'ERR_LICENCE_UNKNOWN' | 'ERR_LICENCE_SEAL' | 'ERR_LICENCE_SIGNER' | LicenceLapse;

/** A licence's standing: `valid`, or why not. */
export type LicenceStatus = 'valid' | LicenceProblem;

/**
 * Checks a licence from the register offline, as every hall does before showing it valid or taking
 * it as a material: its seal must verify against the key of a node the district vouches for, that
 * node must be the issuing office's (or above it) with no certificate of its chain revoked, and the
 * licence must be in force at `now` (not revoked, not expired). A replica is never trusted on its own.
 */
export function checkLicenceDoc(doc: LicenceDoc | undefined, keys: SignerKeys, now: Date): LicenceStatus {
  if (!doc) return 'ERR_LICENCE_UNKNOWN';
  const { kid, sig } = doc.seal;
  if (keys.orgOf(kid) === undefined) return 'ERR_LICENCE_SEAL';
  if (keys.revoked(kid) || !keys.covers(kid, doc.issuer)) return 'ERR_LICENCE_SIGNER';
  if (!keys.verify(kid, licenceSealInput(doc, kid), sig)) return 'ERR_LICENCE_SEAL';
  return licenceLapse(doc, now) ?? 'valid';
}
