import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { acceptCase } from '../../node/domain/accept-case.js';
import { durableLeveldown } from '../../node/store/durable-leveldown.js';
import { APPLICANT } from '../support/fixtures.js';
import { clerkClient } from '../support/client.js';
import { startTestNode, PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const CASES = 2_000;
const CONCURRENCY = 16;
const RATE_PER_SECOND = 100;
const RATE_SECONDS = 5;

/**
 * Accepted cases per second over HTTP at a street node (16 clients), against the baseline of
 * putting the same documents straight into a PouchDB replica, synced to disk on every write as the
 * node's replica is (and, for reference, without that sync); then latency at a fixed rate.
 */
export async function runAcceptBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-');
  const node = await startTestNode(join(dir.path, 'node'), 'dongcheng/jingshan');
  try {
    const clerk = await clerkClient(node.url, 'clerk', PASSWORD);
    const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const body = { matterCode: matter.code, applicant: APPLICANT, received };

    let sent = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (sent < CASES) {
          sent++;
          const res = await clerk.post('/api/cases', body);
          if (res.status !== 201) throw new Error(`accept failed: ${res.status}`);
        }
      }),
    );
    const httpRate = CASES / ((performance.now() - t0) / 1000);

    // Baselines: the same documents built in-process and put straight into a replica, each put
    // synced to disk as the node's are (the goal's reference), and without the sync.
    const s = node.services;
    const ctx = {
      matter,
      org: s.org,
      level: s.level,
      actor: { id: 'staff:bench', org: s.org },
      now: new Date(),
      calendar: s.reference.calendar,
    };
    const rawPuts = async (path: string, durable: boolean): Promise<number> => {
      const raw = new PouchDB(
        join(dir.path, path),
        (durable ? { db: durableLeveldown } : {}) as PouchDB.Configuration.DatabaseConfiguration,
      );
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < CASES) await raw.put(acceptCase({ ...body, channel: 'window' }, ctx));
        }),
      );
      const rate = CASES / ((performance.now() - t) / 1000);
      await raw.close();
      return rate;
    };
    const fsyncRate = await rawPuts('raw-fsync', true);
    const rawRate = await rawPuts('raw', false);

    report('accept.http', httpRate, 'cases/s');
    report('accept.baseline_pouchdb_put_fsync', fsyncRate, 'cases/s');
    report('accept.http_vs_fsync_put', httpRate / fsyncRate, 'ratio');
    report('accept.baseline_pouchdb_put', rawRate, 'cases/s');
    report('accept.http_vs_baseline', httpRate / rawRate, 'ratio');

    // Open loop at a fixed rate: latency as a window sees it when the hall is busy.
    const latencies: number[] = [];
    const pending: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < RATE_PER_SECOND * RATE_SECONDS; i++) {
      const due = start + (i * 1000) / RATE_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        (async () => {
          const t = performance.now();
          const res = await clerk.post('/api/cases', body);
          if (res.status !== 201) throw new Error(`accept failed: ${res.status}`);
          latencies.push(performance.now() - t);
        })(),
      );
    }
    await Promise.all(pending);
    report(`accept.latency_p50_at_${RATE_PER_SECOND}rps`, percentile(latencies, 50), 'ms');
    report(`accept.latency_p99_at_${RATE_PER_SECOND}rps`, percentile(latencies, 99), 'ms');
  } finally {
    await node.close();
    dir.remove();
  }
}
