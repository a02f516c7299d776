import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNode, initDistrictCa } from '../deploy/enroll.js';
import { startDistrict } from '../deploy/start-district.js';
import { hubConfigFromEnv, type HubConfig } from '../hub/hub-config.js';
import { startHub, type RunningHub } from '../hub/start-hub.js';
import type { NodeConfig } from '../node/config.js';
import { startNode } from '../node/start-node.js';
import { levelOfPath } from '../sync/index.js';
import { tempDir } from './support/temp-dir.js';

// A leak is at least one resource a round against a tolerance of two: twelve rounds show it
// plainly (without the cleanup stack, 50 failed node starts took 11 resources to 231).
const ROUNDS = 12;
const dir = tempDir();
const silent = pino({ level: 'silent' });
const ca = initDistrictCa(join(dir.path, 'hub'), 'dongcheng', '东城区 CA');
let hub: RunningHub;
let taken: Server;
let takenPort: number;

beforeAll(async () => {
  hub = await startHub(
    { ...hubConfigFromEnv({}), dataDir: join(dir.path, 'hub'), port: 0, logLevel: 'silent' },
    { rootPem: ca.chainPem[0]!, logger: silent },
  );
  taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  takenPort = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await hub.close();
  await new Promise((r) => taken.close(r));
  dir.remove();
});

/** What holds the process: libuv handles and requests by kind (timers, sockets, servers, file requests) and the open file descriptors (LevelDB's files). */
function resources(): { byKind: Record<string, number>; total: number; fds: number } {
  const byKind: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) byKind[kind] = (byKind[kind] ?? 0) + 1;
  return { byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0), fds: readdirSync('/proc/self/fd').length };
}

/**
 * Runs a start that must fail `rounds` times and compares what holds the process before and after.
 * The first failure runs before the count, for what a process sets up once (the event-loop delay
 * monitor, modules' pools). The tolerance is two: the fetch pool's keep-alive sockets to the hub
 * and a timer of the test runner may come and go between two counts, where a leak is at least one
 * per round (without the cleanup stack: 11 → 231 resources after 50 failed node starts).
 */
async function expectFlat(
  what: string,
  rounds: number,
  failingStart: () => Promise<unknown>,
  expected: RegExp,
): Promise<void> {
  await expect(failingStart()).rejects.toThrow(expected);
  await settle();
  const before = resources();
  for (let i = 0; i < rounds; i++) await expect(failingStart()).rejects.toThrow(expected);
  const deadline = Date.now() + 10_000;
  let after = resources();
  while ((after.total > before.total + 2 || after.fds > before.fds + 2) && Date.now() < deadline) {
    await settle();
    after = resources();
  }
  console.log(
    `${what} × ${rounds}: active resources ${before.total} → ${after.total}, file descriptors ${before.fds} → ${after.fds}`,
  );
  expect(after.total, `${JSON.stringify(before.byKind)} → ${JSON.stringify(after.byKind)}`).toBeLessThanOrEqual(
    before.total + 2,
  );
  expect(after.fds, 'open file descriptors').toBeLessThanOrEqual(before.fds + 2);
}

const settle = () => new Promise((r) => setTimeout(r, 200));

function nodeConfig(org: string, port: number): NodeConfig {
  return {
    dataDir: join(dir.path, org.replaceAll('/', '_')),
    host: '127.0.0.1',
    port,
    org,
    level: levelOfPath(org)!,
    yellowHours: 24,
    seed: false,
    hubUrl: hub.url,
    logLevel: 'silent',
  };
}

describe('a start that fails part-way leaves nothing behind', () => {
  it(`startNode with its port taken, ${ROUNDS} times: live sync, staff pull, queue, supervision, outbox and replica all closed`, async () => {
    const config = nodeConfig('dongcheng/jingshan', takenPort);
    enrollNode(config.dataDir, config.org, '景山街道办事处', ca);
    await expectFlat('startNode, port taken', ROUNDS, () => startNode(config, { logger: silent }), /EADDRINUSE/);
  }, 300_000);

  it(`startNode with a bad queue rule found late (after sync has started), ${ROUNDS} times`, async () => {
    const config = nodeConfig('dongcheng/jingshan/huangchenggen', 0);
    enrollNode(config.dataDir, config.org, '皇城根社区服务站', ca);
    await expectFlat(
      'startNode, bad queue rule',
      ROUNDS,
      () => startNode(config, { logger: silent, queue: { rules: { twoAhead: -1 } } }),
      /twoAhead/,
    );
  }, 300_000);

  it(`startHub with its port taken, ${ROUNDS} times: store, followers, index, identity store and compactor all closed`, async () => {
    const config: HubConfig = {
      ...hubConfigFromEnv({}),
      dataDir: join(dir.path, 'hub-2'),
      port: takenPort,
      logLevel: 'silent',
    };
    await expectFlat(
      'startHub, port taken',
      ROUNDS,
      () => startHub(config, { rootPem: ca.chainPem[0]!, logger: silent }),
      /EADDRINUSE/,
    );
  }, 300_000);

  // A district start is a hub and nodes (a second each here): eight rounds keep the suite short and a leak of one per round plain.
  it('startDistrict whose last node cannot listen, 8 times: the hub and the nodes already started are closed', async () => {
    const plan = {
      dir: join(dir.path, 'district'),
      logger: silent,
      nodes: [{ org: 'dongcheng' }, { org: 'dongcheng/jingshan', port: takenPort }],
    };
    await expectFlat('startDistrict, last node port taken', 8, () => startDistrict(plan), /EADDRINUSE/);
  }, 300_000);
});
