import type { Context } from 'hono';
import { z } from 'zod';
import {
  DEFAULT_WRITE_BOUNDS,
  HallnetError,
  MAX_JSON_DEPTH,
  nestsDeeperThan,
  parseOrThrow,
  readJson,
  sizeInChinese,
} from '../../sync/index.js';
import { decodePathSegment } from './decode-path-segment.js';
import type { GatewayDeps, GatewayEnv } from './gateway-types.js';
import { LocalSlots } from './local-slots.js';

const localBody = z.record(z.string(), z.unknown());
const PREFIX = '/db/_local/';

function localId(c: Context): string {
  const path = new URL(c.req.url).pathname;
  const id = decodePathSegment(path.slice(PREFIX.length)); // PouchDB sends checkpoint ids with %3D
  if (id.length === 0 || id.length > 500) throw new HallnetError('ERR_VALIDATION', 'bad _local id');
  return id;
}

/**
 * `GET|PUT /db/_local/<id>`: replication checkpoints, kept per node, a bounded number of them
 * (`LocalSlots`). Push cannot work without them; the node reads back its own document under the
 * id it used. A PUT lands whatever `_rev` it carries, as Apache CouchDB 3 answers (last writer
 * wins): the checkpoint is the node's own, and a stale one only makes it re-read a little.
 */
export function localDocHandler(deps: GatewayDeps) {
  const slots = new LocalSlots(deps.store);
  return async function localDoc(c: Context<GatewayEnv>) {
    const id = localId(c);
    if (c.req.method === 'GET') {
      const doc = await slots.get(c.get('node'), id);
      if (!doc) throw new HallnetError('ERR_NOT_FOUND', 'missing');
      return c.json({ ...doc, _id: `_local/${id}` });
    }
    const { _id: _ignored, ...body } = parseOrThrow(localBody, await readJson(c), { where: 'body' });
    // A checkpoint is a few shallow fields; a deep one would overflow the store's clone (a 500).
    if (nestsDeeperThan(body, MAX_JSON_DEPTH))
      throw new HallnetError('ERR_VALIDATION', `a _local document nests more than ${MAX_JSON_DEPTH} levels`, {
        issues: [
          { field: 'body', reason: `nested more than ${MAX_JSON_DEPTH} levels / 嵌套超过 ${MAX_JSON_DEPTH} 层` },
        ],
      });
    // Nor is it large: a node's few checkpoints of megabytes each would fill the store.
    const bytes = Buffer.byteLength(JSON.stringify(body));
    if (bytes > DEFAULT_WRITE_BOUNDS.docBytes)
      throw new HallnetError('ERR_BODY_TOO_LARGE', `a _local document of ${bytes} bytes`, {
        issues: [
          {
            field: 'body',
            reason: `at most ${DEFAULT_WRITE_BOUNDS.docBytes} bytes / 不得超过 ${sizeInChinese(DEFAULT_WRITE_BOUNDS.docBytes)}`,
          },
        ],
      });
    const res = await slots.put(c.get('node'), id, body);
    return c.json({ ok: true, id: `_local/${id}`, rev: res.rev }, 201);
  };
}
