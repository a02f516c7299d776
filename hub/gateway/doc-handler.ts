import type { Context } from 'hono';
import { z } from 'zod';
import { HallnetError, jsonString, parseOrThrow } from '../../sync/index.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { boolParam, docIdSchema, revSchema } from './couch-params.js';
import { decodePathSegment } from './decode-path-segment.js';
import { multipartMixed } from './multipart.js';

const docQuery = z.object({
  rev: revSchema.optional(),
  revs: boolParam.optional(),
  latest: boolParam.optional(),
  conflicts: boolParam.optional(),
  attachments: boolParam.optional(),
  open_revs: z.union([z.literal('all'), jsonString(z.array(revSchema).min(1).max(1000))]).optional(),
});
const attachmentQuery = z.object({ rev: revSchema.optional() });

const missing = () => new HallnetError('ERR_NOT_FOUND', 'missing');

/**
 * `GET /db/<id>` (with `rev`, `revs`, `open_revs`, `latest`, PouchDB's fallback when
 * `_bulk_get` fails, and how Apache CouchDB's replicator fetches documents with attachments:
 * `multipart/mixed`) and `GET /db/<id>/<attachment>?rev=`. The path is split by hand on the raw
 * URL: ids may hold an encoded `/`, attachment names a literal one. Anything the node may not
 * see, and any id starting with `_`, is the same 404 `missing` as an absent document.
 */
export function docHandler(deps: GatewayDeps) {
  return async function doc(c: Context<GatewayEnv>) {
    const segments = new URL(c.req.url).pathname.split('/').slice(2); // drop '' and 'db'
    const id = decodePathSegment(segments[0] ?? '');
    const attachment = segments.length > 1 ? segments.slice(1).map(decodePathSegment).join('/') : undefined;
    parseOrThrow(docIdSchema, id, { where: 'id' });
    const { org } = c.get('node');
    // Queries are checked before visibility: a 400 says nothing about the document. A document
    // this instance does not know yet is read for in the store's feed first (`visibleEntriesNow`).
    const visible = async (revs: (string | undefined)[]) =>
      !id.startsWith('_') &&
      (
        await deps.index.visibleEntriesNow(
          revs.map((rev) => ({ id, ...(rev ? { rev } : {}) })),
          org,
        )
      )[0] !== undefined;

    if (attachment !== undefined) {
      const { rev } = parseOrThrow(attachmentQuery, c.req.query(), { where: 'query' });
      if (!(await visible([rev]))) throw missing();
      const att = attachment ? await deps.store.getAttachment(id, attachment, rev) : undefined;
      if (!att) throw missing();
      return c.body(att.data.slice().buffer, 200, { 'content-type': att.contentType });
    }

    const q = parseOrThrow(docQuery, c.req.query(), { where: 'query' });
    // CouchDB's replicator takes a 404 here for a failure and restarts; an empty answer it skips.
    const multipart = q.open_revs !== undefined && /multipart\/mixed/i.test(c.req.header('accept') ?? '');
    if (!(await visible(Array.isArray(q.open_revs) ? q.open_revs : [q.rev]))) {
      if (multipart) return mixed(c, []);
      throw missing();
    }
    const read = { revs: q.revs ?? false, latest: q.latest ?? false, attachments: q.attachments ?? false };
    if (q.open_revs !== undefined) {
      // Like `_bulk_get`, only found revisions: PouchDB's fallback turns `missing` into a batch error.
      // CouchDB sends attachment bodies in a multipart answer; inline, they reach its target whole.
      const found = await deps.store.openRevs(id, q.open_revs, multipart ? { ...read, attachments: true } : read);
      const docs = found.flatMap((r) => ('ok' in r ? [r.ok] : []));
      return multipart ? mixed(c, docs) : c.json(docs.map((ok) => ({ ok })));
    }
    const got = await deps.store.get(id, {
      ...read,
      conflicts: q.conflicts ?? false,
      ...(q.rev ? { rev: q.rev } : {}),
    });
    if (!got) throw missing();
    return c.json(got);
  };
}

function mixed(c: Context, docs: unknown[]): Response {
  const { contentType, body } = multipartMixed(docs.map((d) => JSON.stringify(d)));
  return c.body(body, 200, { 'content-type': contentType });
}
