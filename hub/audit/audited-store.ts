import type { Store, StoredDoc } from '../store/store.js';
import type { AuditEntryBody } from './audit-entry.js';
import type { AuditSink } from './audit-log.js';
import { revisionDigest } from './revision-digest.js';

/**
 * The store as one of the hub's own writers sees it (seed, JWKS, enrolment grants, the conflict
 * compactor): each revision it writes is logged as a `hub-write` by `by`, before it is written.
 * With `newEdits` the store picks the new revision, so the entry names the revision written over
 * (`parent`) and the digest, which is what the verifier matches the stored leaf by. Reads pass
 * straight through.
 */
export function auditedStore(store: Store, sink: AuditSink, by: string): Store {
  return {
    kind: store.kind,
    info: () => store.info(),
    changes: (q) => store.changes(q),
    waitForChange: (since, o) => store.waitForChange(since, o),
    async bulkDocs(docs, opts) {
      // Logged before the store has it: a process killed in between, or a verifier reading the
      // store at that moment, must never find a revision of the hub's own that no log accepted.
      // A line whose write the store then refuses (a lease another instance wrote first) names
      // no stored revision, and the check only goes from the store's leaves to the log.
      await sink.append(docs.map((d) => hubWrite(by, d, opts.newEdits)));
      return store.bulkDocs(docs, opts);
    },
    bulkGet: (r, o) => store.bulkGet(r, o),
    docsByPrefix: (prefix, page) => store.docsByPrefix(prefix, page),
    revsDiff: (r) => store.revsDiff(r),
    get: (id, o) => store.get(id, o),
    openRevs: (id, revs, o) => store.openRevs(id, revs, o),
    getAttachment: (id, name, rev) => store.getAttachment(id, name, rev),
    getLocal: (id) => store.getLocal(id),
    putLocal: (id, doc) => store.putLocal(id, doc),
    close: () => store.close(),
  };
}

function hubWrite(by: string, doc: StoredDoc, newEdits: boolean): AuditEntryBody {
  const given = doc._rev;
  return {
    kind: 'hub-write',
    by,
    id: doc._id,
    ...(given && !newEdits ? { rev: given } : {}),
    ...(given && newEdits ? { parent: given } : {}),
    digest: revisionDigest(doc),
  };
}
