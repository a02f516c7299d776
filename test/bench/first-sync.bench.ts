import { join } from 'node:path';
import PouchDB from 'pouchdb';
import pino from 'pino';
import { enrollNode, initDistrictCa } from '../../deploy/enroll.js';
import { hubConfigFromEnv } from '../../hub/hub-config.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { startHub } from '../../hub/start-hub.js';
import { tempDir } from '../support/temp-dir.js';
import { fill, firstPull } from './first-pull.js';
import { percentile, report } from './report.js';

const STREET = 'dongcheng/jingshan';
const STREET_ORGS = [
  STREET,
  'dongcheng/jingshan/huangchenggen',
  'dongcheng/jingshan/jixiang',
  'dongcheng/jingshan/huanghuamen',
];
const DOCS = 10_000;
const ROUNDS = Number(process.env.HALLNET_BENCH_ROUNDS ?? 3);

/**
 * A street's first sync of 10,000 documents through the hub's gateway (its token, the visibility
 * index, the store behind it) against the same replication PouchDB-to-PouchDB on disk, in
 * interleaved rounds (a fresh replica each), the median of the rounds' ratios reported. The
 * rounds start once the hub has finished reading the documents just written into its store.
 */
export async function runFirstSyncBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-first-sync-');
  try {
    const hubDir = join(dir.path, 'hub');
    const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
    enrollNode(join(dir.path, 'street'), STREET, '景山街道', ca);
    const config = { ...hubConfigFromEnv({}), dataDir: hubDir, port: 0, seed: false, logLevel: 'silent' as const };
    const hub = await startHub(config, { rootPem: ca.chainPem[0]!, logger: pino({ level: 'silent' }) });
    try {
      const docs: StoredDoc[] = [];
      await fill(hub.store, STREET_ORGS, DOCS, docs);
      const source = new PouchDB(join(dir.path, 'baseline-source'));
      for (let i = 0; i < docs.length; i += 1000)
        await source.bulkDocs(docs.slice(i, i + 1000).map(({ _rev, ...d }) => d) as PouchDB.Core.PutDocument<object>[]);
      await hub.ready;
      // The hub's followers (case lookup, grants, reference, compactor) read the fill after it is
      // written; a node's first sync meets a hub that took its documents long ago.
      const settled = await settle();
      report('first_sync.hub_settled_after_fill', settled, 's');
      const through: number[] = [];
      const direct: number[] = [];
      const ratios: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const pulled = await firstPull(hub.url, join(dir.path, 'street'), `replica-${round}`);
        if (pulled.docs < DOCS) throw new Error(`street pulled ${pulled.docs}`);
        const target = new PouchDB(join(dir.path, `baseline-target-${round}`));
        const t = performance.now();
        await target.replicate.from(source, { batch_size: 500 });
        const seconds = (performance.now() - t) / 1000;
        await target.close();
        through.push(pulled.docs / pulled.seconds);
        direct.push(DOCS / seconds);
        ratios.push(seconds / pulled.seconds);
      }
      await source.close();
      report('first_sync.10000_through_gateway', percentile(through, 50), 'docs/s');
      report('first_sync.10000_pouchdb_to_pouchdb', percentile(direct, 50), 'docs/s');
      report('first_sync.gateway_vs_direct', percentile(ratios, 50), 'ratio');
    } finally {
      await hub.close();
    }
  } finally {
    dir.remove();
  }
}

/** Waits until the process (the hub alone, between rounds) uses under 10% of a core for half a second; answers the seconds waited. */
async function settle(): Promise<number> {
  const t = performance.now();
  for (;;) {
    const before = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 500));
    const used = process.cpuUsage(before);
    if (used.user + used.system < 50_000 || performance.now() - t > 120_000) return (performance.now() - t) / 1000;
  }
}
