import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { Store, StoredDoc } from '../../hub/store/store.js';
import { readKeyFile } from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { hubTokenSource } from '../../node/hub-token.js';
import { caseDoc } from '../support/fixtures.js';

/** Fills the hub's store with `count` case documents of the given organisations, 1,000 a batch. */
export async function fill(store: Store, orgs: readonly string[], count: number): Promise<StoredDoc[]> {
  const docs: StoredDoc[] = [];
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from(
      { length: Math.min(1000, count - i) },
      (_, j) => caseDoc(orgs[(i + j) % orgs.length]!) as unknown as StoredDoc,
    );
    await store.bulkDocs(batch, { newEdits: true });
    docs.push(...batch);
  }
  return docs;
}

/** A fresh replica (`replica` in `dir`) that pulls from the hub as the node enrolled in `dir`, timed. */
export async function firstPull(
  hubUrl: string,
  dir: string,
  replica = 'replica',
): Promise<{ seconds: number; docs: number }> {
  const keyPem = readKeyFile(nodeKeyPath(dir));
  const chainPem = readNodeChain(dir)!;
  // As a node does: one token reused across the replication's requests (node/hub-token.ts).
  const hubToken = hubTokenSource(keyPem, chainPem, () => new Date());
  const remote = new PouchDB(`${hubUrl}/db`, {
    fetch: async (url: string | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${await hubToken()}`);
      return PouchDB.fetch(url, { ...init, headers });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  const local = new PouchDB(join(dir, replica));
  const t = performance.now();
  const res = await local.replicate.from(remote, { batch_size: 500 });
  const seconds = (performance.now() - t) / 1000;
  await local.close();
  await remote.close();
  return { seconds, docs: res.docs_written };
}
