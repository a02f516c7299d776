import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { Store, StoredDoc } from '../../hub/store/store.js';
import { readKeyFile } from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { hubTokenSource } from '../../node/hub-token.js';
import { caseDoc } from '../support/fixtures.js';

/**
 * Writes `count` case documents to the hub's store, 1,000 a batch: the i-th is a case of
 * `orgs[i % orgs.length]`, or of the parties `orgs(i)` names (its scope first). What was written
 * is pushed onto `kept` when given (a baseline copies it); at a million it is not kept.
 */
export async function fill(
  store: Store,
  orgs: readonly string[] | ((i: number) => readonly string[]),
  count: number,
  kept?: StoredDoc[],
): Promise<void> {
  const partiesOf = typeof orgs === 'function' ? orgs : (i: number) => [orgs[i % orgs.length]!];
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, (_, j) => {
      const parties = partiesOf(i + j);
      const doc = caseDoc(parties[0]!) as unknown as StoredDoc;
      doc.parties = [...parties];
      return doc;
    });
    await store.bulkDocs(batch, { newEdits: true });
    kept?.push(...batch);
  }
}

/** A fresh replica (`replica` in `dir`) that pulls from the hub as the node enrolled in `dir`, `batchSize` documents a batch (500 as the baselines beside it), timed. */
export async function firstPull(
  hubUrl: string,
  dir: string,
  replica = 'replica',
  batchSize = 500,
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
  const res = await local.replicate.from(remote, { batch_size: batchSize });
  const seconds = (performance.now() - t) / 1000;
  await local.close();
  await remote.close();
  return { seconds, docs: res.docs_written };
}
