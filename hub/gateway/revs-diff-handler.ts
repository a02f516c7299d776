import type { Context } from 'hono';
import { z } from 'zod';
import type { RevsDiff } from '../store/store.js';
import { parseOrThrow, readJson } from '../../sync/index.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { docIdSchema } from './couch-params.js';

const revsDiffBody = z
  .record(docIdSchema, z.array(z.string().min(1).max(100)).max(1000))
  .refine((r) => Object.keys(r).length <= 10_000, 'at most 10000 ids');

/**
 * `POST /db/_revs_diff`: what the hub lacks of what the node offers. For a document the node
 * cannot see the answer is "every revision missing", exactly as for an unknown id, so the
 * endpoint cannot be used to probe. Ids starting with `_` (a node's own design documents) are
 * answered as already held, so PouchDB never pushes them only to be refused.
 */
export function revsDiffHandler(deps: GatewayDeps) {
  return async function revsDiff(c: Context<GatewayEnv>) {
    const body = parseOrThrow(revsDiffBody, await readJson(c), { where: 'body' });
    const { org } = c.get('node');
    const visible: Record<string, string[]> = {};
    const answer: RevsDiff = {};
    for (const [id, revs] of Object.entries(body)) {
      if (id.startsWith('_')) continue;
      if (deps.index.visibleEntry(id, org)) visible[id] = revs;
      else answer[id] = { missing: [...new Set(revs)] };
    }
    if (Object.keys(visible).length > 0) Object.assign(answer, await deps.store.revsDiff(visible));
    return c.json(answer);
  };
}
