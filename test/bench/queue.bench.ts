import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { createHallQueue } from '../../node/queue/index.js';
import { durableLeveldown } from '../../node/store/durable-leveldown.js';
import { client } from '../support/client.js';
import { queueCategories } from '../support/queue-fixtures.js';
import { startQueueApp } from '../support/start-queue-app.js';
import { tempDir } from '../support/temp-dir.js';
import { fromClientProcess } from './client-process.js';
import { report } from './report.js';

const TICKETS = Number(process.env.BENCH_QUEUE_TICKETS ?? 2_000);
const WINDOWS = 8;
const ALL_CATEGORIES = Array.from({ length: 15 }, (_, i) => i + 1);

/**
 * Calls per second at one node: eight clerks at eight windows call and finish over HTTP until a
 * line of 2,000 tickets is served. Baseline: the same number of raw PouchDB writes (a call and a
 * finish each write the ticket once) with the same concurrency, each synced to disk as the node's
 * replica writes: the issue's reference, and what the queue itself stored in before it had a
 * LevelDB of its own (`queue-store.ts`). The
 * clerks' requests come from a process of their own, as their browsers run on machines of their own.
 */
export async function runQueueBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-queue-');
  let sms = 0;
  // One client issues every ticket here: the kiosk limits would stop it after a dozen.
  const app = await startQueueApp(join(dir.path, 'node'), 'dongcheng/jingshan', {
    clock: () => new Date(),
    notify: () => void sms++,
    rules: { ticketsPerKioskPerMinute: 100_000, ticketsPerCategoryPerMinute: 100_000 },
  });
  try {
    const director = client(app.url, await app.token('boss', ['director']));
    const clerks: string[] = [];
    for (let w = 1; w <= WINDOWS; w++) {
      const put = await fetch(`${app.url}/api/queue/windows/w${w}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await app.token('boss', ['director'])}`,
        },
        body: JSON.stringify({ name: `${w}号窗口`, categories: ALL_CATEGORIES }),
      });
      if (put.status !== 200) throw new Error(`window setup failed: ${put.status}`);
      const token = await app.token(`clerk${w}`);
      if ((await client(app.url, token).post(`/api/queue/windows/w${w}/open`)).status !== 200)
        throw new Error('open failed');
      clerks.push(token);
    }

    const machine = client(app.url);
    const t0 = performance.now();
    for (let i = 0; i < TICKETS; i++) {
      const res = await machine.post('/api/queue/tickets', {
        via: 'phone',
        category: (i % 15) + 1,
        phone: `139${String(i).padStart(8, '0')}`,
      });
      if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    const issueRate = TICKETS / ((performance.now() - t0) / 1000);

    const cpu = process.cpuUsage();
    const { calls, seconds } = await fromClientProcess('clerksServe', { base: app.url, tokens: clerks });
    const callRate = calls / seconds;
    const used = process.cpuUsage(cpu);
    if (calls !== TICKETS) throw new Error(`served ${calls} of ${TICKETS}`);
    const stats = (await director.get('/api/queue/stats')).body;

    const inProcessRate = await inProcessCalls(join(dir.path, 'in-process'));
    const rawRate = await rawCallWrites(join(dir.path, 'raw'), WINDOWS);
    // The queue writes one action at a time; this baseline writes the same way.
    const rawSerialRate = await rawCallWrites(join(dir.path, 'raw-serial'), 1);

    report('queue.issues_per_second', issueRate, 'tickets/s');
    report('queue.calls_per_second', callRate, 'calls/s');
    report('queue.baseline_raw_pouchdb_call_and_finish_writes', rawRate, 'calls/s');
    report('queue.calls_vs_baseline', callRate / rawRate, 'ratio');
    // Less at the mercy of the machine's load than the rates: the node's CPU per call and its finish.
    report('queue.cpu_per_call', (used.user + used.system) / 1000 / calls, 'ms');
    report('queue.calls_per_second_in_process', inProcessRate, 'calls/s');
    report('queue.baseline_raw_pouchdb_serial', rawSerialRate, 'calls/s');
    report('queue.calls_vs_serial_baseline', callRate / rawSerialRate, 'ratio');
    report('queue.sms_per_ticket', sms / TICKETS, 'sms');
    report('queue.average_wait', stats.averageWaitMs / 1000, 's');
  } finally {
    await app.close();
    dir.remove();
  }
}

/** Calls per second if a call and its finish cost only their two raw writes, `concurrency` writers at once. */
async function rawCallWrites(path: string, concurrency: number): Promise<number> {
  const raw = new PouchDB(path, { db: durableLeveldown } as PouchDB.Configuration.DatabaseConfiguration);
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < TICKETS; i = next++) {
        const doc = await raw.put({ _id: `ticket:${i}`, state: 'called', at: new Date().toISOString() });
        await raw.put({ _id: doc.id, _rev: doc.rev, state: 'finished', at: new Date().toISOString() });
      }
    }),
  );
  const rate = TICKETS / ((performance.now() - t) / 1000);
  await raw.close();
  return rate;
}

/** The same line served by calling the queue directly, without HTTP and tokens: what the queue itself costs. */
async function inProcessCalls(dataDir: string): Promise<number> {
  const queue = await createHallQueue({
    dataDir,
    notify: () => {},
    org: 'dongcheng/jingshan',
    categories: queueCategories(),
  });
  try {
    for (let w = 1; w <= WINDOWS; w++) {
      await queue.setupWindow(`w${w}`, { name: `${w}号窗口`, categories: ALL_CATEGORIES });
      await queue.openWindow(`w${w}`, { id: `clerk${w}` });
    }
    for (let i = 0; i < TICKETS; i++)
      await queue.issue({ via: 'phone', category: (i % 15) + 1, phone: `139${String(i).padStart(8, '0')}` });
    let calls = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: WINDOWS }, async (_, i) => {
        const clerk = { id: `clerk${i + 1}` };
        while (await queue.callNext(`w${i + 1}`, clerk)) {
          calls++;
          await queue.act(`w${i + 1}`, clerk, { kind: 'finish' });
        }
      }),
    );
    return calls / ((performance.now() - t) / 1000);
  } finally {
    await queue.close();
  }
}
