import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHallQueue } from '../node/queue/index.js';
import { appEntry } from './support/app-entry.js';
import { client } from './support/client.js';
import { queueCategories } from './support/queue-fixtures.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
const ORG = 'dongcheng/jingshan';
const WINDOWS = 4;
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  dir.remove();
});

/** Starts the queue's node as a child process; resolves with its URL and its clerks' tokens. */
function startChild(dataDir: string): Promise<{ url: string; clerks: string[] }> {
  return new Promise((resolve, reject) => {
    child = spawn(
      process.execPath,
      [...appEntry('test/support/queue-node-process.ts'), dataDir, ORG, String(WINDOWS)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`node exited early (${code}): ${out}`)));
  });
}

describe('kill -9 in the middle of taking tickets and calling them', () => {
  it('loses no ticket, call or finish that was acknowledged', async () => {
    const dataDir = join(dir.path, 'node');
    const { url, clerks } = await startChild(dataDir);

    // Four ticket machines issue and four clerks call and finish as fast as they can; the process is killed meanwhile.
    const issued: string[] = [];
    const called: string[] = [];
    const finished: string[] = [];
    let stop = false;
    const kiosk = async (k: number) => {
      const machine = client(url);
      for (let i = 0; !stop; i++) {
        try {
          const res = await machine.post('/api/queue/tickets', { via: 'walk-in', category: ((k * 7 + i) % 15) + 1 });
          if (res.status === 201) issued.push(res.body.id);
          else throw new Error(`issue refused: ${res.status} ${JSON.stringify(res.body)}`);
        } catch (err) {
          if (stop) return;
          throw err;
        }
      }
    };
    const serve = async (w: number) => {
      const clerk = client(url, clerks[w]!);
      while (!stop) {
        try {
          const res = await clerk.post(`/api/queue/windows/w${w + 1}/call`);
          if (res.status !== 200) throw new Error(`call refused: ${res.status} ${JSON.stringify(res.body)}`);
          if (!res.body.ticket) continue;
          called.push(res.body.ticket.id);
          const done = await clerk.post(`/api/queue/windows/w${w + 1}/finish`);
          if (done.status !== 200) throw new Error(`finish refused: ${done.status} ${JSON.stringify(done.body)}`);
          finished.push(done.body.id);
        } catch (err) {
          if (stop) return;
          throw err;
        }
      }
    };
    const running = Promise.all([
      ...Array.from({ length: 4 }, (_, k) => kiosk(k)),
      ...Array.from({ length: WINDOWS }, (_, w) => serve(w)),
    ]);
    const deadline = Date.now() + 30_000;
    while (finished.length < 40) {
      if (Date.now() > deadline) throw new Error(`only ${finished.length} finished, ${issued.length} issued`);
      await Promise.race([running, new Promise((r) => setTimeout(r, 5))]);
    }
    const exited = new Promise((r) => child!.once('exit', r));
    // The connections die with the process: what was answered before this is what was promised.
    stop = true;
    child!.kill('SIGKILL');
    await running;
    await exited;

    const queue = await createHallQueue({ dataDir, notify: () => {}, org: ORG, categories: queueCategories() });
    try {
      const stateOf = async (id: string) => (await queue.storedTicket(id))?.state ?? 'lost';
      const lostIssues = [];
      for (const id of issued) if ((await stateOf(id)) === 'lost') lostIssues.push(id);
      const lostCalls = [];
      for (const id of called) if (['lost', 'waiting'].includes(await stateOf(id))) lostCalls.push(id);
      const lostFinishes = [];
      for (const id of finished) if ((await stateOf(id)) !== 'finished') lostFinishes.push(id);
      expect(finished.length).toBeGreaterThanOrEqual(40);
      expect(lostIssues).toEqual([]);
      expect(lostCalls).toEqual([]);
      expect(lostFinishes).toEqual([]);
    } finally {
      await queue.close();
    }
  });
});
