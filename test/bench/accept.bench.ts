import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { acceptCase } from '../../node/domain/accept-case.js';
import { durableLeveldown } from '../../node/store/durable-leveldown.js';
import { APPLICANT } from '../support/fixtures.js';
import { client } from '../support/client.js';
import { startTestNode, PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { fromClientProcess } from './client-process.js';
import { percentile, report } from './report.js';

const CASES = 2_100;
const ROUNDS = 3;
const CONCURRENCY = 16;
const RATE_PER_SECOND = 100;
const RATE_SECONDS = 5;

/**
 * Accepted cases per second over HTTP at a street node (16 clients), against the baseline of
 * putting the same documents straight into a PouchDB replica, synced to disk on every write as the
 * node's replica is (and, for reference, without that sync), in interleaved rounds whose median
 * ratio is reported; then latency at a fixed rate. The clients run in a process of their own, as
 * the windows' browsers run on machines of their own.
 */
export async function runAcceptBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-');
  const node = await startTestNode(join(dir.path, 'node'), 'dongcheng/jingshan');
  try {
    const login = await client(node.url).post('/api/auth/staff-login', { account: 'clerk', password: PASSWORD });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const load = { base: node.url, token: login.body.token as string, path: '/api/cases', status: 201 };
    const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const body = { matterCode: matter.code, applicant: APPLICANT, received };

    const s = node.services;
    const ctx = {
      matter,
      org: s.org,
      level: s.level,
      actor: { id: 'staff:bench', org: s.org },
      now: new Date(),
      calendar: s.reference.calendar,
    };
    /** Cases accepted per second over HTTP by 16 clients, and the node's CPU per case (its process only). */
    const overHttp = async (cases: number): Promise<{ rate: number; cpuMs: number }> => {
      const cpu = process.cpuUsage();
      const { seconds } = await fromClientProcess('closedLoop', {
        ...load,
        body,
        concurrency: CONCURRENCY,
        count: cases,
      });
      const used = process.cpuUsage(cpu);
      return { rate: cases / seconds, cpuMs: (used.user + used.system) / 1000 / cases };
    };
    // Baselines: the same documents built in-process and put straight into a replica, each put
    // synced to disk as the node's are (the goal's reference), and without the sync.
    const rawPuts = async (path: string, durable: boolean, cases: number): Promise<number> => {
      const raw = new PouchDB(
        join(dir.path, path),
        (durable ? { db: durableLeveldown } : {}) as PouchDB.Configuration.DatabaseConfiguration,
      );
      let next = 0;
      const t = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < cases) await raw.put(acceptCase({ ...body, channel: 'window' }, ctx));
        }),
      );
      const rate = cases / ((performance.now() - t) / 1000);
      await raw.close();
      return rate;
    };
    // Rounds of each, interleaved, so a change of the machine's load falls on both sides of a ratio.
    const http: number[] = [];
    const cpu: number[] = [];
    const fsync: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const h = await overHttp(CASES / ROUNDS);
      const f = await rawPuts('raw-fsync', true, CASES / ROUNDS);
      http.push(h.rate);
      cpu.push(h.cpuMs);
      fsync.push(f);
      ratios.push(h.rate / f);
    }
    const rawRate = await rawPuts('raw', false, CASES / ROUNDS);
    const httpRate = percentile(http, 50);

    report('accept.http', httpRate, 'cases/s');
    report('accept.cpu_per_case', percentile(cpu, 50), 'ms');
    report('accept.baseline_pouchdb_put_fsync', percentile(fsync, 50), 'cases/s');
    report('accept.http_vs_fsync_put', percentile(ratios, 50), 'ratio');
    report('accept.baseline_pouchdb_put', rawRate, 'cases/s');
    report('accept.http_vs_baseline', httpRate / rawRate, 'ratio');

    // Open loop at a fixed rate: latency as a window sees it when the hall is busy.
    const { latencies } = await fromClientProcess('openLoop', {
      ...load,
      body,
      rate: RATE_PER_SECOND,
      seconds: RATE_SECONDS,
    });
    report(`accept.latency_p50_at_${RATE_PER_SECOND}rps`, percentile(latencies, 50), 'ms');
    report(`accept.latency_p99_at_${RATE_PER_SECOND}rps`, percentile(latencies, 99), 'ms');
  } finally {
    await node.close();
    dir.remove();
  }
}
