import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { expect } from 'vitest';
import type { Authenticate } from '../gateway/gateway-types.js';
import type { Store } from '../store/store.js';
import { pino } from 'pino';
import { followReference } from '../follow-reference.js';
import { publishSeed } from '../publish-seed.js';
import { hubWritePolicy } from '../gateway/hub-write-policy.js';
import { calendarDoc, caseDoc, materialDoc, matterDoc, orgDoc, TEST_MATTER_CODE } from './hub-fixtures.js';
import { hubAs, openReplica } from './replica.js';
import { serveGateway, type ServedGateway } from './serve-gateway.js';
import { storeFactory, type StoreKind } from './store-factory.js';

/** The slice of the district the gateway suites play in: two streets, a community under each. */
export const ROOT = 'dongcheng';
export const JINGSHAN = 'dongcheng/jingshan';
export const HCG = 'dongcheng/jingshan/huangchenggen';
export const DHM = 'dongcheng/donghuamen';
export const DSK = 'dongcheng/donghuamen/dengshikou';
export const POLICE = 'dongcheng/dept/police';
export const PUBLIC_IDS = [ROOT, JINGSHAN, HCG, DHM, DSK]
  .map((p) => `org:${p}`)
  .concat('calendar:2025', `matter:${TEST_MATTER_CODE}`);

/** One-shot replication, collecting the per-document refusals PouchDB reports as `denied`. */
export async function replicate(from: PouchDB.Database, to: PouchDB.Database) {
  const denied: { id?: string; reason?: string }[] = [];
  const result = await PouchDB.replicate(from, to, { batch_size: 50 }).on('denied', (e) =>
    denied.push(e as { id?: string }),
  );
  return { result, denied };
}

/** Ids of a replica's live documents, sorted. */
export async function liveIds(db: PouchDB.Database): Promise<string[]> {
  return (await db.allDocs()).rows.map((r) => r.id).sort();
}

function seedDocs() {
  const hcgCase = caseDoc({ scope: HCG });
  const dhmCase = caseDoc({ scope: DHM });
  return {
    hcgCase,
    jsCase: caseDoc({ scope: JINGSHAN }),
    dhmCase,
    dskCase: caseDoc({ scope: DSK }),
    dhmMaterial: materialDoc(dhmCase, 'secret scan') as { _id: string; scope: string },
    hcgMaterial: materialDoc(hcgCase, '材料扫描件') as { _id: string; scope: string },
  };
}

/** The gateway of a seeded hub: the district's write rule, reading the catalogue the store holds. */
async function gatewayOver(store: Store, authenticate: Authenticate): Promise<{ hub: ServedGateway; stop(): void }> {
  const reference = followReference(store, pino({ enabled: false }));
  await reference.ready;
  const hub = await serveGateway({
    store,
    authenticate,
    longpollMaxMs: 5_000,
    mayWrite: hubWritePolicy({ reference }),
  });
  return { hub, stop: reference.stop };
}

/** A gateway over real HTTP on a store of `kind`, seeded by the district through the gateway. */
export interface SeededHub {
  readonly store: Store;
  readonly hub: ServedGateway;
  readonly seed: ReturnType<typeof seedDocs>;
  /** A node replica on disk, closed with the hub. */
  replica(name: string): PouchDB.Database;
  /** The hub as the node at `org` (and node id) sees it over HTTP. */
  as(org: string, node?: string): PouchDB.Database;
  http(path: string, org: string, init?: RequestInit): Promise<Response>;
  post(path: string, org: string, body: unknown): Promise<Response>;
  /** Closes gateway and store and opens both again on the same data: a hub restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a seeded hub; `authenticate` is the test's own caller check. */
export async function seededHub(kind: StoreKind, authenticate: Authenticate): Promise<SeededHub> {
  const dir = await mkdtemp(join(tmpdir(), `hallnet-hub-${kind}-`));
  const factory = await storeFactory(kind, dir);
  let store = await factory.open();
  let served = await gatewayOver(store, authenticate);
  let hub = served.hub;
  const opened: PouchDB.Database[] = [];
  const seed = seedDocs();

  const http = (path: string, org: string, init: RequestInit = {}) =>
    fetch(`${hub.url}${path}`, {
      ...init,
      headers: {
        authorization: `Test ${org}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
  const t: SeededHub = {
    get store() {
      return store;
    },
    get hub() {
      return hub;
    },
    seed,
    replica(name) {
      const r = openReplica(dir, name);
      opened.push(r);
      return r;
    },
    as: (org, node) => hubAs(hub.dbUrl, `Test ${org}${node ? ` ${node}` : ''}`),
    http,
    post: (path, org, body) =>
      http(path, org, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) }),
    async restart() {
      served.stop();
      await hub.close();
      await store.close();
      store = await factory.open();
      served = await gatewayOver(store, authenticate);
      hub = served.hub;
    },
    async close() {
      await Promise.all(opened.map((r) => r.close()));
      served.stop();
      await hub.close();
      await store.close();
      await factory.close();
      await rm(dir, { recursive: true, force: true });
    },
  };

  // The district publishes, then each hall writes its own case (and its material) through the gateway.
  const root = t.replica('root');
  // The catalogue is the hub's seed, written into its store: a matter pushed through the gateway needs the district's signature.
  await publishSeed(store, [matterDoc() as never]);
  await root.bulkDocs([...[ROOT, JINGSHAN, HCG, DHM, DSK].map(orgDoc), calendarDoc(2025)]);
  expect((await replicate(root, t.as(ROOT))).denied).toEqual([]);
  for (const [org, docs] of [
    [HCG, [seed.hcgCase, seed.hcgMaterial]],
    [JINGSHAN, [seed.jsCase]],
    [DHM, [seed.dhmCase, seed.dhmMaterial]],
    [DSK, [seed.dskCase]],
  ] as const) {
    const hall = t.replica(`seed-${org.replaceAll('/', '-')}`);
    await hall.bulkDocs([...docs] as PouchDB.Core.PutDocument<object>[]);
    expect((await replicate(hall, t.as(org))).denied).toEqual([]);
  }
  return t;
}
