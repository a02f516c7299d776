import pino from 'pino';
import { followCaseLookup } from '../../hub/district-cases/follow-case-lookup.js';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import type { Store, StoredDoc } from '../../hub/store/store.js';
import { VisibilityIndex } from '../../hub/visibility/visibility-index.js';
import { caseDoc } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

/** Store sizes filled while the hub's views follow (HALLNET_BENCH_LIVE_DOCS, comma-separated). */
const SIZES = (process.env.HALLNET_BENCH_LIVE_DOCS ?? '40000').split(',').map(Number);
const STREETS = Array.from({ length: 17 }, (_, s) => `dongcheng/s${s}`);

/** Resolves once `current()` holds, looking every 10 ms. */
async function until(current: () => boolean): Promise<void> {
  while (!current()) await new Promise((r) => setTimeout(r, 10));
}

/**
 * Fills an empty store in `bulkDocs` of 1,000 cases while the hub's live views follow it (the
 * visibility index and the case lookup), then times how long each still takes to hold every
 * write — what a node pulling just after the fill would find stale — and the CPU seconds the
 * process spent meanwhile (less swayed by the machine's load than the wall clock).
 */
async function lagBehindFill(pouchFeed: boolean, docs: number) {
  const dir = tempDir('hallnet-bench-liveindex-');
  const store: Store = await createPouchStore({ dir: dir.path, pouchFeed });
  const index = new VisibilityIndex(store);
  const cases = followCaseLookup(store, pino({ level: 'silent' }));
  try {
    await Promise.all([index.ready, cases.ready]);
    const t = performance.now();
    for (let i = 0; i < docs; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, docs - i) }, (_, j) =>
        caseDoc(STREETS[(i + j) % 17] as string),
      );
      await store.bulkDocs(batch as unknown as StoredDoc[], { newEdits: true });
    }
    const written = performance.now();
    const cpu = process.cpuUsage();
    const { updateSeq } = await store.info();
    const lags = await Promise.all([
      until(() => index.appliedStoreSeq === updateSeq).then(() => performance.now() - written),
      until(() => cases.lookup.size === docs).then(() => performance.now() - written),
    ]);
    const used = process.cpuUsage(cpu);
    return {
      fill: (written - t) / 1000,
      index: (lags[0] as number) / 1000,
      cases: (lags[1] as number) / 1000,
      cpu: (used.user + used.system) / 1e6,
    };
  } finally {
    await cases.stop();
    await index.close();
    await store.close();
    dir.remove();
  }
}

/**
 * `npm run bench liveindex`: seconds the live index (and the case lookup) trail a bulk fill after
 * its last write, with the embedded store's feed read directly (`pouch-feed-page.ts`) beside the
 * baseline, PouchDB's own `changes`, in the same run.
 */
export async function runLiveIndexBench(): Promise<void> {
  for (const docs of SIZES) {
    const baseline = await lagBehindFill(true, docs);
    const direct = await lagBehindFill(false, docs);
    const k = `${Math.round(docs / 1000)}k`;
    report(`liveindex_fill_${k}_pouch_feed`, baseline.fill, 's');
    report(`liveindex_fill_${k}`, direct.fill, 's');
    report(`liveindex_index_lag_${k}_pouch_feed`, baseline.index, 's');
    report(`liveindex_index_lag_${k}`, direct.index, 's');
    report(`liveindex_case_lookup_lag_${k}_pouch_feed`, baseline.cases, 's');
    report(`liveindex_case_lookup_lag_${k}`, direct.cases, 's');
    report(`liveindex_catch_up_cpu_${k}_pouch_feed`, baseline.cpu, 's');
    report(`liveindex_catch_up_cpu_${k}`, direct.cpu, 's');
  }
}
