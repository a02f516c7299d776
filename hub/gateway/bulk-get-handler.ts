import type { Context } from 'hono';
import { z } from 'zod';
import { parseOrThrow, readJson } from '../../sync/index.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { boolParam, docIdSchema, revSchema } from './couch-params.js';

const bulkGetQuery = z.object({
  revs: boolParam.optional(),
  latest: boolParam.optional(),
  attachments: boolParam.optional(),
});

const bulkGetBody = z.object({
  docs: z.array(z.looseObject({ id: docIdSchema, rev: revSchema.optional() })).max(10_000),
});

/**
 * `POST /db/_bulk_get`: the requested revisions of documents the node sees. One error entry
 * fails PouchDB's whole batch, so nothing but `{ok}` is ever answered: a document that is
 * invisible (or turned invisible since the node listed it), or a revision the hub lacks, is left out.
 */
export function bulkGetHandler(deps: GatewayDeps) {
  return async function bulkGet(c: Context<GatewayEnv>) {
    const q = parseOrThrow(bulkGetQuery, c.req.query(), { where: 'query' });
    const body = parseOrThrow(bulkGetBody, await readJson(c), { where: 'body' });
    const { org } = c.get('node');
    const opts = { revs: q.revs ?? false, latest: q.latest ?? false, attachments: q.attachments ?? false };
    // A revision the index holds as a leaf is its own latest: asked without `latest`, the store
    // skips the revision-tree pass that guards `latest` (a first sync asks for leaves only).
    const leaves: { id: string; rev: string }[] = [];
    const others: { id: string; rev?: string }[] = [];
    // Read for in the store's feed first if any is not here yet: listed at another instance, a
    // document left out would be skipped by the node for good (`visibleEntriesNow`).
    const entries = await deps.index.visibleEntriesNow(body.docs, org);
    for (const [i, d] of body.docs.entries()) {
      const entry = entries[i];
      if (!entry) continue;
      if (d.rev && entry.leaves.includes(d.rev)) leaves.push({ id: d.id, rev: d.rev });
      else others.push({ id: d.id, ...(d.rev ? { rev: d.rev } : {}) });
    }
    const [fromLeaves, fromOthers] = await Promise.all([
      leaves.length ? deps.store.bulkGet(leaves, { ...opts, latest: false }) : [],
      others.length ? deps.store.bulkGet(others, opts) : [],
    ]);
    const results = [...fromLeaves, ...fromOthers]
      .map((r) => ({ id: r.id, docs: r.docs.filter((d) => d._id === r.id).map((ok) => ({ ok })) }))
      .filter((r) => r.docs.length > 0);
    return c.json({ results });
  };
}
