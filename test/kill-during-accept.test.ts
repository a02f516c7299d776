import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hallnetEntry } from './support/app-entry.js';
import { APPLICANT } from './support/fixtures.js';
import { client, clerkClient } from './support/client.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
const ORG = 'dongcheng/jingshan';
const env = {
  ...process.env,
  HALLNET_DATA: join(dir.path, 'node'),
  HALLNET_ORG: ORG,
  HALLNET_LEVEL: '5',
  HALLNET_PORT: '0',
  LOG_LEVEL: 'info',
};
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  dir.remove();
});

/** Starts `hallnet node` as a real child process and resolves with its URL from the log line. */
function startChild(): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, hallnetEntry(['node']), {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`node exited early (${code}): ${out}`)));
  });
}

describe('kill -9 in the middle of accepting cases', () => {
  it('loses no case that was acknowledged', async () => {
    const add = spawnSync(
      process.execPath,
      hallnetEntry(['staff', 'add', 'clerk', '--name', '王窗口', '--roles', 'clerk']),
      {
        env: { ...env, HALLNET_PASSWORD: PASSWORD },
        encoding: 'utf8',
      },
    );
    expect(add.status, add.stderr).toBe(0);

    const url = await startChild();
    const clerk = await clerkClient(url, 'clerk', PASSWORD);
    const matters = (await client(url).get(`/api/catalogue?q=${encodeURIComponent('残疾人证')}`)).body.items;
    const m = (await client(url).get(`/api/catalogue/${encodeURIComponent(matters[0].code)}`)).body;
    const received = m.materials.filter((x: any) => x.necessity !== 'optional').map((x: any) => x.id);

    // Four clients accept cases as fast as they can; the process is killed while they are at it.
    const acknowledged: string[] = [];
    const refusals: string[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await clerk.post('/api/cases', { matterCode: m.code, applicant: APPLICANT, received });
          if (res.status === 201) acknowledged.push(res.body.id);
          else refusals.push(`${res.status} ${JSON.stringify(res.body)}`);
        } catch {
          return; // the connection died with the process
        }
      }
    };
    const workers = Promise.all([worker(), worker(), worker(), worker()]);
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 40) {
      if (Date.now() > deadline)
        throw new Error(`only ${acknowledged.length} acknowledged; refusals: ${refusals.slice(0, 3).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const exited = new Promise((r) => child!.once('exit', r));
    child!.kill('SIGKILL');
    stop = true;
    await workers;
    await exited;

    const node = await startTestNode(env.HALLNET_DATA, ORG, { seed: false });
    try {
      const again = await clerkClient(node.url, 'clerk', PASSWORD);
      const held = new Set<string>();
      for (let offset = 0; ; offset += 200) {
        const page = (await again.get(`/api/cases?limit=200&offset=${offset}`)).body;
        for (const c of page.items) held.add(c.id);
        if (offset + 200 >= page.total) break;
      }
      const total = held.size;
      const missing = acknowledged.filter((id) => !held.has(id));
      expect(acknowledged.length).toBeGreaterThanOrEqual(40);
      expect(total).toBeGreaterThanOrEqual(acknowledged.length);
      expect(missing).toEqual([]);
    } finally {
      await node.close();
    }
  });
});
