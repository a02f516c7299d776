import type { Logger } from 'pino';
import { revocationSchema } from '../../sync/index.js';

/** How long a request for a revocation may take: the hub that refuses the node answers at once. */
const ASK_MS = 10_000;

/**
 * A hall whose certificate the district revoked is refused by the hub, so the revocation never
 * replicates to it, and its own clerks would go on working there. When the hub refuses its
 * credentials, the node asks the hub for the revocation of each certificate of its chain (public:
 * every hall holds them) and takes one it finds into its replica as replication would have: the
 * replica's reference data then ends its clerks' tokens and its status says why. The node takes
 * the hub's word for it, as it takes every document the hub replicates.
 */
export async function learnRevocation(o: {
  hubUrl: string;
  serials: readonly string[];
  db: PouchDB.Database;
  logger: Logger;
}): Promise<boolean> {
  let learnt = false;
  for (const serial of o.serials) {
    const res = await fetch(`${o.hubUrl}/revocations/certificate/${serial}`, {
      signal: AbortSignal.timeout(ASK_MS),
    }).catch(() => undefined);
    if (res?.status !== 200) continue;
    const doc = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const parsed = revocationSchema.safeParse(doc);
    if (!parsed.success || parsed.data.what !== 'certificate' || parsed.data.target !== serial || !doc?._rev) continue;
    await o.db.bulkDocs([doc as PouchDB.Core.PutDocument<object>], { new_edits: false });
    o.logger.error({ serial, reason: parsed.data.reason }, "the district revoked this node's certificate chain");
    learnt = true;
  }
  return learnt;
}
