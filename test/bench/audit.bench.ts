import { join } from 'node:path';
import { AuditLog } from '../../hub/audit/audit-log.js';
import type { Authenticate } from '../../hub/gateway/gateway-types.js';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import { caseDoc } from '../../hub/testing/hub-fixtures.js';
import { serveGateway } from '../../hub/testing/serve-gateway.js';
import { testNode } from '../../hub/testing/test-signers.js';
import { HallnetError } from '../../sync/index.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const STATION = 'dongcheng/jingshan/huangchenggen';
const DOCS = 6_000;
const BATCH = 100;
const CLIENTS = 4;
const ROUNDS = 3;

// The figure is the audit log's cost, not the node check's: a node proves itself by a header here.
const authenticate: Authenticate = async (c) => {
  const org = c.req.header('x-bench-node');
  if (!org) throw new HallnetError('ERR_UNAUTHENTICATED');
  return { ...testNode(org, 'f'.repeat(64)), serial: '0a1b' };
};

/** Pushes DOCS case revisions as replication does (`new_edits:false`, BATCH per request, CLIENTS at once) into a fresh store; docs/s. */
async function pushRate(dir: string, audited: boolean): Promise<number> {
  const store = await createPouchStore({ dir: join(dir, 'store') });
  const log = audited
    ? await AuditLog.open({
        dir: join(dir, 'audit'),
        instance: 'bench',
        district: 'dongcheng',
        storeSeq: async () => '0',
      })
    : undefined;
  const hub = await serveGateway({ store, authenticate, ...(log ? { audit: log } : {}) });
  try {
    const batches = Array.from({ length: DOCS / BATCH }, (_, b) =>
      JSON.stringify({
        new_edits: false,
        docs: Array.from({ length: BATCH }, (_, i) => ({
          ...caseDoc({ scope: STATION }),
          _rev: `1-${(b * BATCH + i).toString(16).padStart(32, '0')}`,
        })),
      }),
    );
    let next = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < batches.length) {
          const res = await fetch(`${hub.dbUrl}/_bulk_docs`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-bench-node': STATION },
            body: batches[next++],
          });
          const answer = (await res.json()) as unknown[];
          if (res.status !== 201 || answer.length)
            throw new Error(`bulk_docs answered ${res.status}: ${JSON.stringify(answer).slice(0, 200)}`);
        }
      }),
    );
    return DOCS / ((performance.now() - t) / 1000);
  } finally {
    await hub.close();
    await log?.close();
    await store.close();
  }
}

/**
 * The audit log's cost (issue 12): `_bulk_docs` throughput through the gateway into the embedded
 * store with the hub's audit log (digest per revision, hash chain, one fsync per group of
 * requests) against the same pushes with no log, in the same run.
 */
export async function runAuditBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-audit-');
  try {
    await pushRate(join(dir.path, 'warm-up'), true);
    // Interleaved rounds, medians: the machine's load drifts over a run.
    const offs: number[] = [];
    const ons: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      offs.push(await pushRate(join(dir.path, `off-${round}`), false));
      ons.push(await pushRate(join(dir.path, `on-${round}`), true));
    }
    const [off, on] = [percentile(offs, 50), percentile(ons, 50)];
    report('audit.bulk_docs_with_audit_log', on, 'docs/s');
    report('audit.baseline_bulk_docs_without_audit_log', off, 'docs/s');
    report('audit.with_vs_without', on / off, 'ratio');
  } finally {
    dir.remove();
  }
}
