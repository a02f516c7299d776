import { createHash } from 'node:crypto';
import type { NodeIdentity } from '../gateway/gateway-types.js';
import type { WriteFailure } from '../store/store.js';
import type { AuditEntryBody } from './audit-entry.js';
import type { AuditSink } from './audit-log.js';
import { revisionDigest } from './revision-digest.js';

/** One per-document decision of a `_bulk_docs` request: the revision as stored (accepted) or as sent (refused). */
export interface WriteDecisionRecord {
  doc: Record<string, unknown>;
  accepted: boolean;
  reason?: string;
}

const MAX_REASON = 1000;

/**
 * Puts a `_bulk_docs` request's decisions in the audit log, in one group-committed write; the
 * gateway does it before it writes the store, so every revision stored for a node is in the log.
 * An accepted revision found in `storeFailures` is logged as refused, with the store's reason.
 */
export async function recordWrites(
  sink: AuditSink | undefined,
  node: NodeIdentity,
  decisions: readonly WriteDecisionRecord[],
  storeFailures: readonly WriteFailure[] = [],
): Promise<void> {
  if (!sink || decisions.length === 0) return;
  const entries = decisions.map((d): AuditEntryBody => {
    const id = typeof d.doc._id === 'string' ? d.doc._id.slice(0, 300) : '';
    const rev = typeof d.doc._rev === 'string' && d.doc._rev.length <= 100 ? d.doc._rev : undefined;
    const failed = d.accepted ? storeFailures.find((f) => failureOf(f, d.doc)) : undefined;
    const reason = failed ? `store: ${failed.error}: ${failed.reason}` : d.reason;
    return {
      kind: 'write',
      node: { org: node.org, fingerprint: node.node },
      serial: node.serial,
      id,
      ...(rev ? { rev } : {}),
      digest: digestOf(d.doc),
      decision: d.accepted && !failed ? 'accepted' : 'refused',
      ...(reason ? { reason: reason.slice(0, MAX_REASON) } : {}),
    };
  });
  await sink.append(entries);
}

/**
 * Logs again, refused with the store's reason, each revision `recordWrites` logged as accepted
 * before the store was written that the store then failed to write.
 */
export async function recordStoreFailures(
  sink: AuditSink | undefined,
  node: NodeIdentity,
  decisions: readonly WriteDecisionRecord[],
  storeFailures: readonly WriteFailure[],
): Promise<void> {
  if (storeFailures.length === 0) return;
  const failed = decisions.filter((d) => d.accepted && storeFailures.some((f) => failureOf(f, d.doc)));
  await recordWrites(sink, node, failed, storeFailures);
}

/** Whether `f` is the store's failure to write `doc` (CouchDB names the revision, or only the id). */
function failureOf(f: WriteFailure, doc: Record<string, unknown>): boolean {
  return f.id === doc._id && (f.rev === undefined || f.rev === doc._rev);
}

// A refused body can be anything JSON allows, nested deeper than a recursive walk goes.
function digestOf(doc: Record<string, unknown>): string {
  try {
    return revisionDigest(doc);
  } catch {
    return createHash('sha256').update('hallnet: body not digestible').digest('hex');
  }
}
