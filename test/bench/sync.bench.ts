import { rmSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import pino from 'pino';
import { enrollNode, initDistrictCa } from '../../deploy/enroll.js';
import { startDistrict } from '../../deploy/start-district.js';
import { hubConfigFromEnv } from '../../hub/hub-config.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { startHub } from '../../hub/start-hub.js';
import { APPLICANT } from '../support/fixtures.js';
import { fill, firstPull } from './first-pull.js';
import { clerkClient } from '../support/client.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const STREET = 'dongcheng/jingshan';
const STREET_ORGS = [
  STREET,
  'dongcheng/jingshan/huangchenggen',
  'dongcheng/jingshan/jixiang',
  'dongcheng/jingshan/huanghuamen',
];
const TARGET = 'dongcheng/andingmen/guozijian';
const ELSEWHERE = [
  'dongcheng/donghuamen',
  'dongcheng/jiaodaokou/x',
  'dongcheng/dongsi',
  'dongcheng/qianmen',
  'dongcheng/tiantan',
  'dongcheng/andingmen/wudaoying',
];

/**
 * Sync figures (issue 3): a first sync of 10,000 documents through the gateway against the same
 * replication PouchDB-to-PouchDB on disk; a first sync of a community that sees 5,000 documents
 * in a district of 100,000; and how fast a case crosses from a community to its street with 22
 * nodes syncing live.
 */
export async function runSyncBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-sync-');
  const logger = pino({ level: 'silent' });
  try {
    const hubDir = join(dir.path, 'hub');
    const ca = initDistrictCa(hubDir, 'dongcheng', '东城区 CA');
    enrollNode(join(dir.path, 'street'), STREET, '景山街道', ca);
    enrollNode(join(dir.path, 'target'), TARGET, '国子监社区', ca);
    const config = { ...hubConfigFromEnv({}), dataDir: hubDir, port: 0, seed: false, logLevel: 'silent' as const };
    let hub = await startHub(config, { rootPem: ca.chainPem[0]!, logger });
    try {
      const streetDocs: StoredDoc[] = [];
      await fill(hub.store, STREET_ORGS, 10_000, streetDocs);
      const through = await firstPull(hub.url, join(dir.path, 'street'));
      if (through.docs < 10_000) throw new Error(`street pulled ${through.docs}`);

      const source = new PouchDB(join(dir.path, 'baseline-source'));
      for (let i = 0; i < streetDocs.length; i += 1000)
        await source.bulkDocs(
          streetDocs.slice(i, i + 1000).map(({ _rev, ...d }) => d) as PouchDB.Core.PutDocument<object>[],
        );
      const target = new PouchDB(join(dir.path, 'baseline-target'));
      const t = performance.now();
      await target.replicate.from(source, { batch_size: 500 });
      const direct = (performance.now() - t) / 1000;
      await source.close();
      await target.close();
      report('sync.first_10000_through_gateway', through.docs / through.seconds, 'docs/s');
      report('sync.first_10000_pouchdb_to_pouchdb', 10_000 / direct, 'docs/s');
      report('sync.gateway_vs_direct', direct / through.seconds, 'ratio');

      await fill(hub.store, [TARGET], 5_000);
      await fill(hub.store, ELSEWHERE, 85_000);
      // A new station joins a district whose hub already holds 100,000 documents: restart the hub so
      // its index is built from the store (not timed) rather than still catching up with the fill.
      await hub.close();
      // Without the snapshot the hub wrote at close, so the figure stays a build (hub.bench.ts times restarts).
      rmSync(join(hubDir, 'visibility-index.snapshot'), { force: true });
      hub = await startHub(config, { rootPem: ca.chainPem[0]!, logger });
      const t0 = performance.now();
      await hub.ready;
      report('sync.hub_index_build_100000', (performance.now() - t0) / 1000, 's');
      const community = await firstPull(hub.url, join(dir.path, 'target'));
      if (community.docs < 5_000) throw new Error(`community pulled ${community.docs}`);
      report('sync.first_5000_of_100000', community.seconds, 's');
      report('sync.first_5000_of_100000_rate', community.docs / community.seconds, 'docs/s');
      report(
        'sync.rate_in_100000_vs_in_10000',
        community.docs / community.seconds / (through.docs / through.seconds),
        'ratio',
      );
    } finally {
      await hub.close();
    }
    await liveLatency(join(dir.path, 'live'));
  } finally {
    dir.remove();
  }
}

async function liveLatency(dir: string): Promise<void> {
  const A = 'dongcheng/jingshan/huangchenggen';
  const others = [
    'dongcheng',
    'dongcheng/jingshan/jixiang',
    'dongcheng/jingshan/huanghuamen',
    'dongcheng/jingshan/sanyanjing',
    'dongcheng/andingmen',
    'dongcheng/andingmen/guozijian',
    'dongcheng/andingmen/wudaoying',
    'dongcheng/andingmen/fensiting',
    'dongcheng/donghuamen',
    'dongcheng/jiaodaokou',
    'dongcheng/beixinqiao',
    'dongcheng/dongsi',
    'dongcheng/chaoyangmen',
    'dongcheng/jianguomen',
    'dongcheng/dongzhimen',
    'dongcheng/hepingli',
    'dongcheng/qianmen',
    'dongcheng/tiantan',
    'dongcheng/longtan',
    'dongcheng/dept/civil',
  ];
  const staff = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];
  const district = await startDistrict({ dir, nodes: [STREET, A, ...others].map((org) => ({ org, staff })) });
  try {
    const street = district.nodes.get(STREET)!;
    const arrived = new Map<string, number>();
    const feed = street.services.db
      .changes({ live: true, since: 'now' })
      .on('change', (ch) => arrived.set(ch.id, performance.now()));
    const nodeA = district.nodes.get(A)!;
    while (nodeA.services.reference.catalogue.size < 40) await new Promise((r) => setTimeout(r, 100));
    const clerk = await clerkClient(nodeA.url, 'clerk', PASSWORD);
    const matter = nodeA.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const sent = performance.now();
      const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
      const id = `case:${res.body.id}`;
      while (!arrived.has(id)) await new Promise((r) => setTimeout(r, 2));
      latencies.push(arrived.get(id)! - sent);
    }
    feed.cancel();
    report(`sync.community_to_street_p50_${district.nodes.size}_nodes`, percentile(latencies, 50), 'ms');
    report(`sync.community_to_street_p95_${district.nodes.size}_nodes`, percentile(latencies, 95), 'ms');
  } finally {
    await district.close();
  }
}
