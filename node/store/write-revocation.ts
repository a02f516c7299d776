import { revocationDoc, type Actor, type RevocationDoc } from '../../sync/index.js';
import type { GuardedWriter } from './guarded-writer.js';

/**
 * Writes, signed by this node, the revocation of `target` by `author` at the node of `org`. One
 * written already (by another admin, or another node of the organisation) stands: revoked stays revoked.
 */
export async function writeRevocation(
  guard: GuardedWriter,
  what: RevocationDoc['what'],
  target: string,
  o: { org: string; author: Actor; reason: string; at: string },
): Promise<void> {
  try {
    await guard.put(revocationDoc(what, target, o));
  } catch (err) {
    if ((err as { status?: number }).status !== 409) throw err;
  }
}
