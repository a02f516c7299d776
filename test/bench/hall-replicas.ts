import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { readKeyFile } from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { hubTokenSource } from '../../node/hub-token.js';
import { queueSummaryDocId, type QueueSummaryDoc } from '../../sync/index.js';
import { HubSync, NodeSigner } from '../../sync/node-only.js';

/** One hall's replica as the bench's parent asks for it: its name, organisation and enrolled folder. */
export interface ReplicaSpec {
  name: string;
  org: string;
  nodeDir: string;
}

/** What the parent sends: start these replicas, or write a change at one of them. */
export type ToReplicas =
  | { start: { hubUrl: string; dir: string; replicas: ReplicaSpec[] } }
  | { write: { replica: string; serial: number } }
  | { cpu: true }
  | { stop: true };

/** What this process answers: its replicas all synced, a change seen at a replica (epoch ms), its CPU so far (ms), stopped. */
export type FromReplicas =
  | { listening: true }
  | { ready: { replicas: number } }
  | { arrived: { replica: string; id: string; at: number } }
  | { written: { id: string; at: number } }
  | { cpuMs: number }
  | { stopped: true };

const send = (m: FromReplicas) => process.send!(m);
const now = () => performance.timeOrigin + performance.now();

/**
 * A process holding many halls' replicas, each a PouchDB on disk syncing live with the hub as a
 * node does (HubSync, its own node token): the 200-halls bench runs a few of these beside the hub,
 * so the hub's process does nothing but the hub. Every queue summary arriving at a replica is
 * reported with the time it arrived.
 */
async function main(): Promise<void> {
  const halls = new Map<
    string,
    { spec: ReplicaSpec; db: PouchDB.Database; sync: HubSync; feed: PouchDB.Core.Changes<object>; signer: NodeSigner }
  >();
  process.on('message', (m: ToReplicas) => {
    void (async () => {
      if ('start' in m) {
        // LevelDB does not create parent folders.
        mkdirSync(m.start.dir, { recursive: true });
        for (const spec of m.start.replicas) {
          const db = new PouchDB(join(m.start.dir, spec.name));
          const keyPem = readKeyFile(nodeKeyPath(spec.nodeDir));
          const token = hubTokenSource(keyPem, readNodeChain(spec.nodeDir)!, () => new Date());
          const sync = new HubSync(db, { remoteUrl: `${m.start.hubUrl}/db`, token });
          const feed = db.changes({ live: true, since: 'now' }).on('change', (ch) => {
            if (ch.id.startsWith('queue-summary:')) send({ arrived: { replica: spec.name, id: ch.id, at: now() } });
          });
          halls.set(spec.name, { spec, db, sync, feed, signer: new NodeSigner(keyPem) });
          await sync.start();
        }
        // Ready once every replica has been through its first pull and is waiting for more.
        while (![...halls.values()].every((h) => h.sync.status().state === 'idle'))
          await new Promise((r) => setTimeout(r, 100));
        send({ ready: { replicas: halls.size } });
      } else if ('write' in m) {
        const hall = halls.get(m.write.replica)!;
        // A day's queue summary: the hall's own, replicated up to its street and district.
        const day = new Date(Date.UTC(2026, 0, 1) + m.write.serial * 86_400_000)
          .toISOString()
          .slice(0, 10)
          .replaceAll('-', '');
        const org = hall.spec.org;
        const doc: QueueSummaryDoc & { _id: string } = {
          _id: queueSummaryDocId(day, org),
          type: 'queue-summary',
          scope: org,
          parties: [org],
          author: { id: 'staff:bench', name: '基准', org },
          at: new Date().toISOString(),
          hall: org,
          day,
          issued: m.write.serial,
          called: 0,
          finished: 0,
          noShows: 0,
          appointments: 0,
          waitMsTotal: 0,
          longestWaitMs: 0,
          serveMsTotal: 0,
          categories: [],
          final: true,
        };
        const t = now();
        await hall.db.put(hall.signer.prove(doc));
        send({ written: { id: doc._id, at: t } });
      } else if ('cpu' in m) {
        const { user, system } = process.cpuUsage();
        send({ cpuMs: (user + system) / 1000 });
      } else {
        for (const h of halls.values()) {
          h.feed.cancel();
          await h.sync.stop();
          await h.db.close();
        }
        send({ stopped: true });
        process.exit(0);
      }
    })().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
  send({ listening: true });
}

await main();
