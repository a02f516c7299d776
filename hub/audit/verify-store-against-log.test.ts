import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { compactConflicts } from '../compact-conflicts.js';
import type { NodeIdentity } from '../gateway/gateway-types.js';
import type { Store, StoredDoc } from '../store/store.js';
import { caseDoc, materialDoc, orgDoc, withEvent } from '../testing/hub-fixtures.js';
import { storeFactory, type StoreFactory } from '../testing/store-factory.js';
import { testNode } from '../testing/test-signers.js';
import { AuditLog } from './audit-log.js';
import { auditedStore } from './audited-store.js';
import { recordWrites } from './record-writes.js';
import { verifyAuditChain } from './verify-audit-chain.js';
import { verifyStoreAgainstLog } from './verify-store-against-log.js';

const STATION = 'dongcheng/jingshan/huangchenggen';
const node: NodeIdentity = { ...testNode(STATION, 'f'.repeat(64)), serial: '0a1b' };

/** A revision as a replicating node pushes it: `_rev` and its ancestry. */
function revision<T extends Record<string, unknown>>(doc: T, ids: string[]): T & StoredDoc {
  return { ...doc, _id: doc._id as string, _rev: `${ids.length}-${ids[0]}`, _revisions: { start: ids.length, ids } };
}

describe.each(['pouch', 'couch'] as const)('verifyStoreAgainstLog (%s store)', (kind) => {
  const dir = tempDir('hallnet-audit-store-');
  let stores: StoreFactory;
  let store: Store;
  let log: AuditLog;
  const check = async (s: Store = store) =>
    verifyStoreAgainstLog(s, (await verifyAuditChain(log.path, new Set())).entries);
  /** What the gateway does with an accepted batch: log it, then store it. */
  const accept = async (docs: StoredDoc[]) => {
    await recordWrites(
      log,
      node,
      docs.map((doc) => ({ doc, accepted: true })),
    );
    expect(await store.bulkDocs(docs, { newEdits: false })).toEqual([]);
  };

  const caseA = caseDoc({ scope: STATION });
  const base = revision(caseA, ['a1']);
  const branchB = revision(withEvent(caseA, STATION), ['b2', 'a1']);
  const branchC = revision(withEvent(caseA, STATION, { kind: 'completed' }), ['c2', 'a1']);
  const material = revision(materialDoc(caseA, '扫描件'), ['m1']);

  beforeAll(async () => {
    stores = await storeFactory(kind, dir.path);
    store = await stores.open();
    log = await AuditLog.open({
      dir: join(dir.path, 'audit'),
      instance: 'hub-1',
      district: 'dongcheng',
      storeSeq: async () => (await store.info()).updateSeq,
    });
    await auditedStore(store, log, 'seed').bulkDocs([orgDoc('dongcheng') as StoredDoc], { newEdits: true });
    await accept([base, material]);
    // Two offices appended offline: a conflict the compactor merges, through its own logged store.
    await accept([branchB, branchC]);
    expect((await compactConflicts(auditedStore(store, log, 'compactor'))).merged).toEqual([caseA._id]);
  });
  afterAll(async () => {
    await log.close();
    await store.close();
    await stores.close();
    dir.remove();
  });

  it("finds every leaf accounted for: nodes' writes (attachments inline as sent, stubs as stored), the seed, the compactor's merge", async () => {
    const result = await check();
    expect(result.findings).toEqual([]);
    // org, material, the merged case and the loser's tombstone.
    expect(result.checked).toBe(4);
  });

  it('shows a revision written around the gateway', async () => {
    const other = revision(caseDoc({ scope: STATION }), ['x1']);
    await accept([other]);
    await store.bulkDocs(
      [{ ...other, _revisions: undefined, applicant: { ...other.applicant, name: '王五' } } as StoredDoc],
      { newEdits: true },
    );
    expect((await check()).findings).toEqual([
      {
        where: expect.stringMatching(new RegExp(`^document ${other._id} revision 2-`)),
        problem: 'no audit log accepted this revision: written around the gateway',
      },
    ]);
  });

  it('checks a revision stored after the logs were read against the logs read again, as a running hub adds to both', async () => {
    const readBefore = (await verifyAuditChain(log.path, new Set())).entries;
    const later = revision(caseDoc({ scope: STATION }), ['l1']);
    await accept([later]);
    const about = (r: { findings: { where: string }[] }) => r.findings.filter((f) => f.where.includes(later._id));
    expect(about(await verifyStoreAgainstLog(store, readBefore))).toEqual([
      { where: `document ${later._id} revision 1-l1`, problem: expect.stringContaining('written around the gateway') },
    ]);
    const reread = async () => (await verifyAuditChain(log.path, new Set())).entries;
    expect(about(await verifyStoreAgainstLog(store, readBefore, reread))).toEqual([]);
  });

  it('shows a revision the gateway refused that is in the store all the same', async () => {
    const refused = revision(orgDoc('dongcheng/jingshan'), ['r1']);
    await recordWrites(log, node, [
      { doc: refused, accepted: false, reason: 'only the district may write organisation documents' },
    ]);
    await store.bulkDocs([refused], { newEdits: false });
    const findings = (await check()).findings.filter((f) => f.where.includes(refused._id));
    expect(findings).toEqual([
      {
        where: `document ${refused._id} revision 1-r1`,
        problem: expect.stringMatching(
          /^the gateway refused this revision at hub-1\.jsonl:\d+, yet the store holds it$/,
        ),
      },
    ]);
  });

  it('shows a store whose revision has the logged id and rev but another body', async () => {
    // A doctored copy of the store: the forged body under the genuine revision, then everything else.
    const copies = await storeFactory(kind, join(dir.path, 'doctored'), 'doctored');
    const copy = await copies.open();
    try {
      await copy.bulkDocs([{ ...material, name: 'forged.pdf' }], { newEdits: false });
      const held = await store.changes({ since: '0', limit: 1000, includeDocs: true });
      for (const row of held.results) {
        const leaves = await store.openRevs(row.id, 'all', { revs: true, attachments: true });
        await copy.bulkDocs(
          leaves.flatMap((l) => ('ok' in l ? [l.ok] : [])),
          { newEdits: false },
        );
      }
      const findings = (await check(copy)).findings.filter((f) => f.where.includes(material._id as string));
      expect(findings).toEqual([
        {
          where: `document ${material._id} revision 1-m1`,
          problem: expect.stringMatching(
            /^the stored body differs from the one accepted at hub-1\.jsonl:\d+: changed around the gateway$/,
          ),
        },
      ]);
    } finally {
      await copy.close();
      await copies.close();
    }
  });
});
