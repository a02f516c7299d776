import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { tempDir } from '../../test/support/temp-dir.js';
import type { Authenticate } from '../gateway/gateway-types.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store } from '../store/store.js';
import { caseDoc, orgDoc } from '../testing/hub-fixtures.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { testNode } from '../testing/test-signers.js';
import type { AuditEntry } from './audit-entry.js';
import { AuditLog, type AuditSink } from './audit-log.js';
import { auditedStore } from './audited-store.js';
import { revisionDigest } from './revision-digest.js';

const STATION = 'dongcheng/jingshan/huangchenggen';
/** `x-test-node: <org>` is a node at that org, in these tests only. */
const authenticate: Authenticate = async (c) => {
  const org = c.req.header('x-test-node');
  if (!org) throw new HallnetError('ERR_UNAUTHENTICATED');
  return { ...testNode(org, `fp-${org}`), serial: '5ff0dee98c72' };
};

describe('the gateway and the audit log', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  let hub: ServedGateway | undefined;
  const push = (docs: unknown[]) =>
    fetch(`${hub!.dbUrl}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-node': STATION },
      body: JSON.stringify({ new_edits: false, docs }),
    });

  beforeEach(async () => {
    dir = tempDir('hallnet-gateway-audit-');
    store = await createPouchStore({ dir: join(dir.path, 'store') });
  });
  afterEach(async () => {
    await hub?.close();
    await store.close();
    dir.remove();
  });

  it('has every decision of a request on disk by the time the node is answered', async () => {
    const log = await AuditLog.open({
      dir: join(dir.path, 'audit'),
      instance: 'hub-1',
      district: 'dongcheng',
      storeSeq: async () => '0',
    });
    hub = await serveGateway({ store, authenticate, audit: log });
    const ok = { ...caseDoc({ scope: STATION }), _rev: '1-aaaa' };
    const foreign = { ...orgDoc('dongcheng/jingshan'), _id: 'org:dongcheng/jingshan', _rev: '1-bbbb' };
    const res = await push([ok, foreign]);
    const answer = (await res.json()) as { id: string; error: string; reason: string }[];
    expect(answer).toEqual([expect.objectContaining({ id: foreign._id, error: 'forbidden' })]);
    // Read straight after the answer, before closing anything.
    const written = readFileSync(log.path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry)
      .filter((e) => e.kind === 'write');
    expect(written).toEqual([
      expect.objectContaining({
        id: ok._id,
        rev: '1-aaaa',
        decision: 'accepted',
        digest: revisionDigest(ok),
        node: { org: STATION, fingerprint: `fp-${STATION}` },
        serial: '5ff0dee98c72',
      }),
      expect.objectContaining({ id: foreign._id, rev: '1-bbbb', decision: 'refused', reason: answer[0]!.reason }),
    ]);
    await log.close();
  });

  it("logs a revision before the store has it, the node's and the hub's own alike (a hub killed in between leaves none unlogged)", async () => {
    const log = await AuditLog.open({
      dir: join(dir.path, 'audit'),
      instance: 'hub-1',
      district: 'dongcheng',
      storeSeq: async () => '0',
    });
    /** For each write the store is asked to make: was every one of its documents in the log file already? */
    const loggedFirst: boolean[] = [];
    const watched: Store = {
      ...store,
      bulkDocs: (docs, opts) => {
        const logged = readFileSync(log.path, 'utf8');
        loggedFirst.push(docs.every((d) => logged.includes(JSON.stringify(d._id))));
        return store.bulkDocs(docs, opts);
      },
    };
    hub = await serveGateway({ store: watched, authenticate, audit: log });
    const ok = { ...caseDoc({ scope: STATION }), _rev: '1-dddd' };
    expect(await (await push([ok])).json()).toEqual([]);
    await auditedStore(watched, log, 'lease').bulkDocs([{ _id: 'hallnet-hub-duties', kind: 'hub-duty-lease' }], {
      newEdits: true,
    });
    expect(loggedFirst).toEqual([true, true]);
    expect(await store.get(ok._id)).toBeDefined();
    await log.close();
  });

  it('stores nothing more once the log cannot be written, answering a retryable 503', async () => {
    const broken: AuditSink = { failure: new Error('ENOSPC'), append: () => Promise.reject(new Error('ENOSPC')) };
    hub = await serveGateway({ store, authenticate, audit: broken });
    const doc = { ...caseDoc({ scope: STATION }), _rev: '1-cccc' };
    const res = await push([doc]);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'service_unavailable', reason: 'the hub cannot write its audit log' });
    expect(await store.get(doc._id)).toBeUndefined();
  });
});
