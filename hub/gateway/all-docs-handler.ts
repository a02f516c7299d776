import type { Context } from 'hono';
import { z } from 'zod';
import type { IndexEntry } from '../visibility/visibility-lists.js';
import { jsonString, parseOrThrow, readJson } from '../../sync/index.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { boolParam, docIdSchema, intParam } from './couch-params.js';

const key = jsonString(z.string().max(300));
const allDocsQuery = z.object({
  include_docs: boolParam.optional(),
  descending: boolParam.optional(),
  inclusive_end: boolParam.optional(),
  limit: intParam.optional(),
  skip: intParam.optional(),
  startkey: key.optional(),
  start_key: key.optional(),
  endkey: key.optional(),
  end_key: key.optional(),
  keys: jsonString(z.array(docIdSchema).max(10_000)).optional(),
});
const allDocsBody = z.object({ keys: z.array(docIdSchema).max(10_000) });

type Row =
  | { id: string; key: string; value: { rev: string; deleted?: true }; doc?: unknown }
  | { key: string; error: 'not_found' };

/**
 * `GET|POST /db/_all_docs`, over the documents the node sees only: the listing, the key range,
 * and `keys` lookups, where an invisible id is `not_found` like an absent one. Costs what the
 * node sees (sorted per request), not what the district holds.
 */
export function allDocsHandler(deps: GatewayDeps) {
  return async function allDocs(c: Context<GatewayEnv>) {
    const q = parseOrThrow(allDocsQuery, c.req.query(), { where: 'query' });
    const keys =
      c.req.method === 'POST' ? parseOrThrow(allDocsBody, await readJson(c), { where: 'body' }).keys : q.keys;
    const { org } = c.get('node');
    const skip = q.skip ?? 0;
    let entries: (IndexEntry | string)[];
    if (keys) {
      entries = keys.map((k) => deps.index.visibleEntry(k, org) ?? k);
    } else {
      const start = q.startkey ?? q.start_key;
      const end = q.endkey ?? q.end_key;
      const inclusive = q.inclusive_end ?? true;
      const desc = q.descending ?? false;
      const before = (a: string, b: string) => (desc ? a > b : a < b);
      entries = deps.index
        .liveEntries(org)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .filter((e) => start === undefined || !before(e.id, start))
        .filter((e) => end === undefined || (inclusive ? !before(end, e.id) : before(e.id, end)));
      if (desc) entries.reverse();
    }
    entries = entries.slice(skip, q.limit === undefined ? undefined : skip + q.limit);
    const rows: Row[] = entries.map((e) =>
      typeof e === 'string'
        ? { key: e, error: 'not_found' }
        : { id: e.id, key: e.id, value: { rev: e.winner, ...(e.deleted ? { deleted: true as const } : {}) } },
    );
    if (q.include_docs) await attachDocs(deps, rows);
    return c.json({ total_rows: deps.index.liveCount(org), offset: skip, rows });
  };
}

async function attachDocs(deps: GatewayDeps, rows: Row[]): Promise<void> {
  const live = rows.filter((r): r is Extract<Row, { id: string }> => 'id' in r && !r.value.deleted);
  const got = await deps.store.bulkGet(
    live.map((r) => ({ id: r.id, rev: r.value.rev })),
    {},
  );
  const docs = new Map(got.flatMap((g) => g.docs.map((d) => [`${d._id}\n${d._rev}`, d] as const)));
  for (const r of rows) if ('id' in r) r.doc = docs.get(`${r.id}\n${r.value.rev}`) ?? null;
}
