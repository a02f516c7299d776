import { join } from 'node:path';
import { enrollNode, initDistrictCa } from '../../deploy/enroll.js';
import { startExpressPouch } from '../../hub/testing/express-pouch-server.js';
import { hubTokenSource } from '../../node/hub-token.js';
import { loadOrCreateNodeKey, readNodeChain } from '../../node/index.js';
import { CleanupStack } from '../../sync/index.js';
import { startBalancedHubs } from '../support/balanced-hubs.js';
import { startHaproxy, type Balancer } from '../support/haproxy.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const STREET = 'dongcheng/jingshan';
/** Clients pulling at once, each as a node does: a `_changes` page, then `_bulk_get` of its rows. */
const CLIENTS = 16;
const PAGE = 100;
/** Seconds per measurement (`BENCH_SCALE_SECONDS`); short by default, the machine is shared. */
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 5);

/**
 * Scale-out (issue 18): gateway throughput through HAProxy with one hub instance behind it, then
 * with two, in the same run, over the same store (a CouchDB-protocol server) and the same hub
 * processes: each round is a street node's pull of one page — `_changes` from the visibility index
 * and `_bulk_get` of its documents from the store — and then `_changes` alone, which the hub
 * answers from its index (one cheap store read to catch up).
 */
export async function runScaleBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-scale-');
  const stack = new CleanupStack();
  try {
    const couch = stack.add('store server', await startExpressPouch(join(dir.path, 'couch')), (c) => c.close());
    const caDir = join(dir.path, 'ca');
    const ca = initDistrictCa(caDir, 'dongcheng', '东城区 CA');
    const nodeDir = join(dir.path, 'street');
    enrollNode(nodeDir, STREET, '景山街道', ca);
    const token = hubTokenSource(loadOrCreateNodeKey(nodeDir), readNodeChain(nodeDir)!, () => new Date());
    const hubs = stack.add(
      'hubs',
      await startBalancedHubs({ dir: dir.path, caDir, couchUrl: couch.url, names: ['a', 'b'] }),
      (h) => h.close(),
    );
    const [a, b] = hubs.hubs;
    const one = stack.add('balancer over one', await startHaproxy(dir.path, [a!]), (x) => x.close());
    // The two-instance balancer is the one startBalancedHubs runs.
    const two: Balancer = hubs.balancer;
    await waitIndexed(a!.url);
    await waitIndexed(b!.url);

    // One, two, one again: the repeat shows how much the machine's own load moved between runs.
    for (const mode of ['pull', 'changes'] as const) {
      for (const [name, balancer] of [
        ['1-instance', one],
        ['2-instances', two],
        ['1-instance-again', one],
      ] as const) {
        const { rounds, latencies, refused } = await pullFor(balancer.url, await token(), SECONDS * 1000, mode);
        const unit = mode === 'pull' ? 'pulls/s' : 'req/s';
        report(`scale-gateway-${mode}-${name}`, rounds / SECONDS, unit);
        if (name !== '1-instance-again') report(`scale-gateway-${mode}-${name}-p95`, percentile(latencies, 95), 'ms');
        if (refused) report(`scale-gateway-${mode}-${name}-retried`, refused, '503s');
      }
    }
    report('scale-cores', (await import('node:os')).availableParallelism(), 'cores');
  } finally {
    await stack.close();
    dir.remove();
  }
}

/** Waits until a hub's index is current (its `/healthz` says so). */
async function waitIndexed(url: string): Promise<void> {
  for (;;) {
    const res = await fetch(`${url}/healthz`).then(
      (r) => r.json() as Promise<{ indexed?: boolean }>,
      () => ({ indexed: false }),
    );
    if (res.indexed) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * `CLIENTS` loops through `url` for `ms`, each round a page of `_changes` and (`pull`) `_bulk_get`
 * of its rows; a 503 (retry) is counted and the round started again, any other failure or a short
 * answer fails the bench.
 */
async function pullFor(
  url: string,
  token: string,
  ms: number,
  mode: 'pull' | 'changes',
): Promise<{ rounds: number; latencies: number[]; refused: number }> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const until = performance.now() + ms;
  const latencies: number[] = [];
  let refused = 0;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      // Each round starts from the beginning: the seed is what every node pulls first.
      const changes = await fetch(`${url}/db/_changes?style=all_docs&limit=${PAGE}&since=0`, { headers });
      const page = (await changes.json()) as { results?: { id: string; changes: { rev: string }[] }[] };
      if (changes.status === 503) {
        refused++; // the balancer or a hub said retry, as PouchDB then does
        continue;
      }
      if (!changes.ok || !page.results?.length)
        throw new Error(`bench _changes failed: ${changes.status} ${JSON.stringify(page).slice(0, 200)}`);
      if (mode === 'changes') {
        latencies.push(performance.now() - started);
        continue;
      }
      const docs = page.results.map((r) => ({ id: r.id, rev: r.changes[0]!.rev }));
      const res = await fetch(`${url}/db/_bulk_get?revs=true&latest=true`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ docs }),
      });
      const got = (await res.json()) as { results?: unknown[] };
      if (res.status === 503) {
        refused++;
        continue;
      }
      if (!res.ok || got.results?.length !== docs.length)
        throw new Error(`bench pull failed: ${res.status} ${JSON.stringify(got).slice(0, 200)}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { rounds: latencies.length, latencies, refused };
}
