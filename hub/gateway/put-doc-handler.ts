import type { Context } from 'hono';
import { z } from 'zod';
import { HallnetError, parseOrThrow } from '../../sync/index.js';
import { decodePathSegment } from './decode-path-segment.js';
import type { GatewayEnv } from './gateway-types.js';
import { gunzipBounded } from './gunzip-bounded.js';
import { multipartBoundary, parseMultipart } from './multipart.js';

const putQuery = z.object({
  new_edits: z.literal('false', { error: 'the hub stores replicated revisions only (new_edits=false)' }),
});
const docBody = z.looseObject({ _id: z.string().min(1).max(300), _rev: z.string() });

type Attachment = Record<string, unknown>;

/**
 * `PUT /db/<id>?new_edits=false`: one replicated revision, as Apache CouchDB's replicator
 * writes a document whose attachments are too large to batch — `multipart/related`, the JSON
 * first, then each attachment marked `follows`, in order — or a design document as JSON. The
 * revision goes through `_bulk_docs` (`dispatch`), so the one write rule decides it; a refusal
 * is the `forbidden` CouchDB answers for a single document. `maxBodyBytes` is the gateway's
 * body limit, which that `_bulk_docs` request is held to as well.
 */
export function putDocHandler(dispatch: (req: Request) => Promise<Response>, opts: { maxBodyBytes: number }) {
  // `_bulk_docs` gets the attachments base64-encoded (4 bytes for 3): bytes beyond this would be
  // refused there anyway, after the hub had built them.
  const maxAttachmentBytes = Math.floor((opts.maxBodyBytes * 3) / 4);
  return async function putDoc(c: Context<GatewayEnv>) {
    parseOrThrow(putQuery, c.req.query(), { where: 'query' });
    const id = decodePathSegment(new URL(c.req.url).pathname.slice('/db/'.length));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const boundary = multipartBoundary(c.req.header('content-type'));
    const doc = boundary ? await withFollowingAttachments(bytes, boundary, maxAttachmentBytes) : parseJson(bytes);
    if (doc._id !== id) throw new HallnetError('ERR_VALIDATION', 'body: _id: does not match the path');
    const headers = new Headers(c.req.raw.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    const res = await dispatch(
      new Request(new URL('/db/_bulk_docs', c.req.url), {
        method: 'POST',
        headers,
        body: JSON.stringify({ docs: [doc], new_edits: false }),
      }),
    );
    if (res.status !== 201) return new Response(res.body, res);
    const [failure] = (await res.json()) as { error: string; reason: string }[];
    if (failure)
      return c.json({ error: failure.error, reason: failure.reason }, failure.error === 'forbidden' ? 403 : 409);
    return c.json({ ok: true, id: doc._id, rev: doc._rev }, 201);
  };
}

function parseJson(bytes: Uint8Array): z.infer<typeof docBody> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new HallnetError('ERR_MALFORMED_JSON', undefined, { cause: err });
  }
  return parseOrThrow(docBody, value, { where: 'body' });
}

/**
 * The document of a `multipart/related` body, each `follows` attachment filled in (base64) from
 * the parts after it; ERR_BODY_TOO_LARGE once they come to more than `maxBytes` decoded.
 */
async function withFollowingAttachments(
  bytes: Uint8Array,
  boundary: string,
  maxBytes: number,
): Promise<z.infer<typeof docBody>> {
  const [json, ...files] = parseMultipart(bytes, boundary);
  if (!json) throw new HallnetError('ERR_VALIDATION', 'multipart body without its document');
  const doc = parseJson(json.body);
  const attachments = (doc._attachments ?? {}) as Record<string, Attachment>;
  const following = Object.entries(attachments).filter(([, a]) => a.follows === true);
  if (following.length !== files.length)
    throw new HallnetError('ERR_VALIDATION', 'multipart attachments do not match the document');
  let room = maxBytes;
  for (const [i, [name, att]] of following.entries()) {
    const part = files[i]?.body ?? new Uint8Array();
    // CouchDB sends compressible types gzip-encoded when the attachment is stored so.
    const data = att.encoding === 'gzip' ? await gunzipBounded(part, room, name) : Buffer.from(part);
    room -= data.length;
    if (room < 0)
      throw new HallnetError('ERR_BODY_TOO_LARGE', `attachments of more than ${maxBytes} bytes; lower batch_size`);
    const { follows: _f, encoding: _e, encoded_length: _l, length: _n, digest: _d, ...kept } = att;
    attachments[name] = { ...kept, data: data.toString('base64') };
  }
  return doc;
}
