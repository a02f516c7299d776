import type { Logger } from 'pino';
import { mergeCase, type CaseDoc } from '../sync/index.js';
import { compactingDistrict, districtsOf } from './city/districts-of.js';
import { keepCaseAlive } from './gateway/keep-case-alive.js';
import type { Store, StoredDoc } from './store/store.js';

/** Where the compactor's walk of the changes feed stands, kept in the store so a restart resumes. */
const CHECKPOINT = 'hallnet-compactor';
const PAGE = 200;

export interface CompactionResult {
  /** Cases whose conflicting revisions were merged into one. */
  merged: string[];
  /** Cases that changed under the compactor; their new change brings them round again. */
  retry: string[];
  /** Conflicted cases that cross districts and are another district's hub's to merge (`compactingDistrict`). */
  left: string[];
  /**
   * Cases found with no live revision, whose retired revision was brought back: a hub killed
   * between storing a case's tombstone and looking again (`keepCaseAlive`).
   */
  restored: string[];
}

export interface CompactionOptions {
  logger?: Logger;
  /**
   * The district this hub serves (a city hub: the city). A conflict on a case that involves another
   * district is merged only by the hub `compactingDistrict` names; without a district, none is.
   */
  district?: string;
}

/**
 * Finds `case` documents with conflicting revisions (two nodes appended offline), writes the
 * union of their events (`mergeCase`) as the next revision of the winner and deletes the losing
 * leaves, so every node converges on one revision holding every event. Every event keeps its
 * signature unchanged, so whoever holds the merge can check each one. A case that crosses
 * districts is merged by one district's hub only (`compactingDistrict`); the others, and the city,
 * leave its branches as they are — every branch's signed events stay readable, and the merge
 * reaches them from that district. Walks the changes feed from its checkpoint, so each run costs
 * what changed since the last one.
 */
export async function compactConflicts(store: Store, opts: CompactionOptions = {}): Promise<CompactionResult> {
  const checkpoint = await store.getLocal(CHECKPOINT);
  let since = typeof checkpoint?.since === 'string' ? checkpoint.since : '0';
  const result: CompactionResult = { merged: [], retry: [], left: [], restored: [] };
  for (;;) {
    const page = await store.changes({ since, limit: PAGE, includeDocs: true, conflicts: true });
    for (const row of page.results) {
      const doc = row.doc;
      if (!doc || doc.type !== 'case') continue;
      // A deleted case is one whose every revision is retired, which the gateway never leaves so.
      if (row.deleted) {
        if (await restoreCase(store, doc, opts.logger)) result.restored.push(row.id);
        continue;
      }
      if (!doc._conflicts?.length) continue;
      if (!mayCompact(doc as unknown as CaseDoc, opts.district)) {
        result.left.push(row.id);
        continue;
      }
      (await mergeOne(store, doc)) ? result.merged.push(row.id) : result.retry.push(row.id);
    }
    if (page.results.length === 0) break;
    since = page.lastSeq;
    if (page.results.length < PAGE) break;
  }
  // Last writer wins (CouchDB 3 `_local`): a compactor of another hub instance may put back an
  // older `since`, which only makes the next run re-read what is merged already (a no-op).
  await store.putLocal(CHECKPOINT, { since });
  if (result.merged.length) opts.logger?.info({ merged: result.merged.length }, 'merged conflicting case revisions');
  return result;
}

/** Whether the hub of `district` merges this case's conflicts: any of its own, one that crosses only if it is the compacting district's. */
function mayCompact(doc: CaseDoc, district: string | undefined): boolean {
  if (districtsOf(doc.parties).size < 2) return true;
  return district !== undefined && compactingDistrict(doc) === district;
}

/** Brings back the revision the winning tombstone `doc` retired, when no revision of the case is live. */
async function restoreCase(store: Store, doc: StoredDoc, logger: Logger | undefined): Promise<boolean> {
  const tombstone = await store.get(doc._id, { rev: doc._rev as string, revs: true });
  if (!tombstone?._deleted) return false;
  return keepCaseAlive(store, tombstone, logger);
}

async function mergeOne(store: Store, winner: StoredDoc): Promise<boolean> {
  const { _conflicts: conflicts = [], ...body } = winner;
  const losers = (await store.openRevs(winner._id, conflicts))
    .flatMap((r) => ('ok' in r && !r.ok._deleted ? [r.ok] : []))
    .filter((d) => Array.isArray(d.events) && Array.isArray(d.parties));
  const merged = mergeCase([body, ...losers] as unknown as CaseDoc[]) as unknown as StoredDoc;
  // The merged revision first, the losers' tombstones only once it stands: a store's batch is not
  // all or nothing, and a node may retire the winner meanwhile (its branch kept by a loser), so
  // tombstones written beside a merge that failed would leave the case with no live revision.
  const mergeFailed = await store.bulkDocs([{ ...merged, _id: winner._id, _rev: winner._rev as string }], {
    newEdits: true,
  });
  if (mergeFailed.length > 0) return false;
  const failures = await store.bulkDocs(
    // Tombstones keep the case's parties, so they travel the way the case does.
    losers.map((l) => ({ _id: l._id, _rev: l._rev as string, _deleted: true, type: 'case', parties: merged.parties })),
    { newEdits: true },
  );
  return failures.length === 0;
}

/** The hub's periodic compactor: one run every `intervalMs` (never two at once) until `stop`. */
export function startConflictCompactor(
  store: Store,
  opts: CompactionOptions & {
    intervalMs?: number;
    /** Whether this instance compacts now (the duty lease's holder only). */
    when?: () => boolean;
  } = {},
): { stop(): Promise<void>; runNow(): Promise<CompactionResult | undefined> } {
  let stopped = false;
  let running: Promise<CompactionResult | undefined> = Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    running = running
      .then(() => (stopped || opts.when?.() === false ? undefined : compactConflicts(store, opts)))
      .catch((err: unknown) => {
        opts.logger?.warn({ err }, 'conflict compaction failed; next run retries');
        return undefined;
      });
    return running;
  };
  const schedule = () => {
    timer = setTimeout(() => void run().then(() => !stopped && schedule()), opts.intervalMs ?? 60_000);
    timer.unref(); // the hub's server keeps the process alive, not this timer
  };
  schedule();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
