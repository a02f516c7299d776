import { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { docProofInput, proofSchema, revocationSchema } from '../../sync/index.js';
import { chainSerials } from './node-chain.js';
import type { SignerKeys } from './signer-keys.js';

/** How long a request for a revocation may take: the hub that refuses the node answers at once. */
const ASK_MS = 10_000;

/**
 * A hall whose certificate the district revoked is refused by the hub, so the revocation never
 * replicates to it, and its own clerks would go on working there. When the hub refuses its
 * credentials, the node asks the hub for the revocation of each certificate of its chain (public:
 * every hall holds them) and takes one into its replica as replication would have: the replica's
 * reference data then ends its clerks' tokens and its status says why. Only a revocation the
 * district centre's node signed, dated after the certificate's issue, is taken: whatever answers
 * in the hub's name cannot shut a hall down with a document of its own.
 */
export async function learnRevocation(o: {
  hubUrl: string;
  district: string;
  chainPem: readonly string[];
  keys: SignerKeys;
  db: PouchDB.Database;
  logger: Logger;
}): Promise<boolean> {
  let learnt = false;
  const serials = chainSerials(o.chainPem);
  for (const [i, serial] of serials.entries()) {
    const res = await fetch(`${o.hubUrl}/revocations/certificate/${serial}`, {
      signal: AbortSignal.timeout(ASK_MS),
    }).catch(() => undefined);
    if (res?.status !== 200) continue;
    const doc = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const parsed = revocationSchema.safeParse(doc);
    if (!doc?._rev || !parsed.success || parsed.data.what !== 'certificate' || parsed.data.target !== serial) continue;
    const issued = Date.parse(new X509Certificate(o.chainPem[i]!).validFrom);
    const proof = proofSchema.safeParse(doc.proof);
    const signed =
      proof.success &&
      o.keys.orgOf(proof.data.kid) === o.district &&
      o.keys.verify(proof.data.kid, docProofInput(doc, proof.data.kid), proof.data.sig);
    if (!signed || Date.parse(parsed.data.revokedAt) < issued) {
      o.logger.warn(
        { serial },
        'a revocation of this node not signed by the district centre, or dated before its issue: ignored',
      );
      continue;
    }
    await o.db.bulkDocs([doc as PouchDB.Core.PutDocument<object>], { new_edits: false });
    o.logger.error({ serial, reason: parsed.data.reason }, "the district revoked this node's certificate chain");
    learnt = true;
  }
  return learnt;
}
