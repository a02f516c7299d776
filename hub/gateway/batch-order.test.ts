import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store } from '../store/store.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { testNode } from '../testing/test-signers.js';
import type { Authenticate } from './gateway-types.js';

const HALL = 'dongcheng/jingshan';

/** `authorization: Test <org>` is a node at that org, in this test only. */
const authenticate: Authenticate = async (c) => {
  const m = /^Test (\S+)$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(m[1]);
};

describe('the order a pushed batch is checked in', () => {
  let dir: string;
  let store: Store;
  let hub: ServedGateway;
  const checked: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallnet-batch-order-'));
    store = await createPouchStore({ dir });
    // The rule itself is not under test: each document is admitted, and the order it was asked in kept.
    hub = await serveGateway({
      store,
      authenticate,
      mayWrite: async (_writer, doc) => {
        checked.push(`${String(doc.type)}${doc._deleted ? ' tombstone' : ''}`);
        return { ok: true };
      },
    });
  });
  afterAll(async () => {
    await hub.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks cases, then bookings (a decision and the notice of it go up together), then the rest, tombstones last', async () => {
    const doc = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
      _id: id,
      _rev: `1-${id.length.toString(16).padStart(32, '0')}`,
      type,
      scope: HALL,
      parties: [HALL],
      ...extra,
    });
    const docs = [
      doc('notice:booking:1:decided', 'notice'),
      {
        _id: 'case:old',
        _rev: `2-${'b'.repeat(32)}`,
        _revisions: { start: 2, ids: ['b'.repeat(32), 'a'.repeat(32)] },
        _deleted: true,
        type: 'case',
      },
      doc('booking:1', 'booking'),
      doc('material:1', 'material'),
      doc('case:1', 'case'),
    ];
    const res = await fetch(`${hub.dbUrl}/_bulk_docs`, {
      method: 'POST',
      headers: { authorization: `Test ${HALL}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docs, new_edits: false }),
    });
    expect(res.status).toBe(201);
    expect(checked).toEqual(['case', 'booking', 'notice', 'material', 'case tombstone']);
  });
});
