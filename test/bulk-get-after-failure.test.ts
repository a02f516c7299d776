import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { readKeyFile } from '../identity/index.js';
import { readNodeChain } from '../node/auth/node-chain.js';
import { hubTokenSource } from '../node/hub-token.js';
import { nodeKeyPath } from '../node/index.js';
import { HubSync } from '../sync/node-only.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const NOTES = 300;

/**
 * A hop in front of the hub that fails the first `_bulk_get` as a hub restarting mid-pull does
 * (503), forwards everything else, and counts the per-document reads PouchDB falls back to.
 */
async function flakyHop(hubPort: number): Promise<{ url: string; perDocument: () => number; close(): Promise<void> }> {
  let failed = false;
  let perDocument = 0;
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!failed && req.method === 'POST' && path.startsWith('/db/_bulk_get')) {
      failed = true;
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'service_unavailable', reason: 'restarting' }));
      return;
    }
    if (req.method === 'GET' && /^\/db\/[^_]/.test(path) && path.includes('open_revs')) perDocument++;
    const upstream = request(
      { host: '127.0.0.1', port: hubPort, path, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    perDocument: () => perDocument,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const dir = tempDir();
let district: RunningDistrict;
let hop: Awaited<ReturnType<typeof flakyHop>>;
let replica: PouchDB.Database;
let sync: HubSync;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: STREET }] });
  await district.stopNode(STREET);
  await district.hub!.store.bulkDocs(
    Array.from({ length: NOTES }, (_, i) => ({ _id: `note:${i}`, type: 'note', parties: [STREET], text: `第${i}条` })),
    { newEdits: true },
  );
  hop = await flakyHop(Number(new URL(district.hubUrl).port));
}, 90_000);

afterAll(async () => {
  await sync?.stop();
  await replica?.close();
  await hop?.close();
  await district?.close();
  dir.remove();
});

describe('a node whose first _bulk_get failed', () => {
  it('keeps pulling in batches, not one request per document for the rest of its process', async () => {
    const nodeDir = district.nodeDir(STREET);
    replica = new PouchDB(join(dir.path, 'replica'));
    sync = new HubSync(replica, {
      remoteUrl: `${hop.url}/db`,
      token: hubTokenSource(readKeyFile(nodeKeyPath(nodeDir)), readNodeChain(nodeDir)!, () => new Date()),
    });
    await sync.start();
    await eventually(
      async () => (await replica.allDocs({ startkey: 'note:', endkey: 'note:\ufff0' })).rows.length === NOTES,
      60_000,
      "the hub's notes at the replica",
    );
    // PouchDB's fallback read each of them with its own request (NOTES of them) after the failed first call.
    expect(hop.perDocument()).toBe(0);
  }, 90_000);
});
