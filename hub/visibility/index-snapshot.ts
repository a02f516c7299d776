import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SeqMark } from './seq-marks.js';
import type { ListsData } from './visibility-lists.js';

/** What an index saves: its lists, its seq marks, and the store (and seq in it) they reflect. */
export interface IndexSnapshot {
  /** The store's identity (`storeIdentity`): a snapshot of another store is never loaded. */
  storeId: string;
  /** Every change up to this store seq is in the lists; a restored index reads on from here. */
  storeSeq: string;
  head: number;
  marks: SeqMark[];
  lists: ListsData;
}

/** Why a snapshot was not loaded; the index then builds from the whole feed. */
export type SnapshotRejection =
  | 'ERR_SNAPSHOT_MISSING'
  | 'ERR_SNAPSHOT_TRUNCATED'
  | 'ERR_SNAPSHOT_CHECKSUM'
  | 'ERR_SNAPSHOT_FORMAT'
  | 'ERR_SNAPSHOT_FOREIGN_STORE';

/** Bumped whenever the layout below changes: an older or newer file is rebuilt, never misread. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from('HNVI');
const DIGEST = 32;
/** Documents encoded between two yields to the event loop while writing. */
const CHUNK = 20_000;

interface Header {
  storeId: string;
  storeSeq: string;
  head: number;
  count: number;
  marks: SeqMark[];
  otherLeaves: [number, string[]][];
  visibilities: ListsData['visibilities'];
  oddRevs: [number, string][];
}

/*
 * Layout: "HNVI", u32 format, u32 header length, header JSON, then per document as columns the
 * position (f64), visibility (u32), deleted flag (u8), winner's generation (u32) and hash (16
 * bytes), then per document its id (u32 length + UTF-8), then the SHA-256 of all that.
 */

/**
 * Writes `snap` to `path` through a temporary file renamed into place, so a crash mid-write
 * leaves the previous snapshot (or none), never half of one. Yields to the event loop between
 * chunks: the hub keeps serving while a million documents are written.
 */
export async function writeIndexSnapshot(path: string, snap: IndexSnapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  const hash = createHash('sha256');
  const put = async (chunk: Uint8Array) => {
    hash.update(chunk);
    await file.write(chunk);
  };
  try {
    const { lists } = snap;
    const count = lists.ids.length;
    const header: Header = {
      storeId: snap.storeId,
      storeSeq: snap.storeSeq,
      head: snap.head,
      count,
      marks: snap.marks,
      otherLeaves: lists.otherLeaves,
      visibilities: lists.visibilities,
      oddRevs: lists.winners.odd,
    };
    const json = Buffer.from(JSON.stringify(header));
    const prefix = Buffer.alloc(12);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(SNAPSHOT_FORMAT, 4);
    prefix.writeUInt32LE(json.length, 8);
    await put(bytes(prefix));
    await put(bytes(json));
    await put(new Uint8Array(lists.positions.buffer, lists.positions.byteOffset, count * 8));
    await put(new Uint8Array(lists.visibility.buffer, lists.visibility.byteOffset, count * 4));
    await put(lists.deleted.subarray(0, count));
    await put(new Uint8Array(lists.winners.generations.buffer, lists.winners.generations.byteOffset, count * 4));
    await put(lists.winners.hashes.subarray(0, count * 16));
    for (let start = 0; start < count; start += CHUNK) {
      await put(bytes(encodeIds(lists.ids, start, Math.min(count, start + CHUNK))));
      await new Promise<void>((r) => setImmediate(r));
    }
    await file.write(bytes(hash.digest()));
    await file.sync();
    await file.close();
    await rename(tmp, path);
  } catch (err) {
    await file.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A Buffer as the plain Uint8Array it is (Node's Buffer typings and TypeScript's lib disagree on `slice`). */
function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function encodeIds(ids: string[], from: number, to: number): Buffer {
  let size = 0;
  for (let i = from; i < to; i++) size += 4 + Buffer.byteLength(ids[i] as string);
  const buf = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = from; i < to; i++) {
    const length = buf.write(ids[i] as string, at + 4);
    buf.writeUInt32LE(length, at);
    at += 4 + length;
  }
  return buf;
}

/**
 * Reads the snapshot at `path` if it is whole, of this format and of the store `storeId`;
 * otherwise says why not. A snapshot is a cache of what the store holds, never an authority.
 */
export async function readIndexSnapshot(
  path: string,
  storeId: string,
): Promise<{ ok: true; snapshot: IndexSnapshot } | { ok: false; reason: SnapshotRejection }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'ERR_SNAPSHOT_MISSING' };
    throw err;
  }
  if (buf.length < 12 + DIGEST) return { ok: false, reason: 'ERR_SNAPSHOT_TRUNCATED' };
  if (!buf.subarray(0, 4).equals(MAGIC) || buf.readUInt32LE(4) !== SNAPSHOT_FORMAT)
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' };
  const body = buf.subarray(0, buf.length - DIGEST);
  if (
    !createHash('sha256')
      .update(bytes(body))
      .digest()
      .equals(buf.subarray(buf.length - DIGEST))
  )
    return { ok: false, reason: 'ERR_SNAPSHOT_CHECKSUM' };
  try {
    return decode(body, storeId);
  } catch {
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' }; // whole and ours, yet unreadable: rebuilt all the same
  }
}

function decode(
  body: Buffer,
  storeId: string,
): { ok: true; snapshot: IndexSnapshot } | { ok: false; reason: SnapshotRejection } {
  const headerEnd = 12 + body.readUInt32LE(8);
  const header = JSON.parse(body.toString('utf8', 12, headerEnd)) as Header;
  if (header.storeId !== storeId) return { ok: false, reason: 'ERR_SNAPSHOT_FOREIGN_STORE' };
  const n = header.count;
  let at = headerEnd;
  // Copies, not views: the file's buffer is not aligned for typed arrays and is let go.
  const positions = new Float64Array(n);
  new Uint8Array(positions.buffer).set(bytes(body.subarray(at, (at += n * 8))));
  const visibility = new Uint32Array(n);
  new Uint8Array(visibility.buffer).set(bytes(body.subarray(at, (at += n * 4))));
  const deleted = new Uint8Array(n);
  deleted.set(bytes(body.subarray(at, (at += n))));
  const generations = new Uint32Array(n);
  new Uint8Array(generations.buffer).set(bytes(body.subarray(at, (at += n * 4))));
  const hashes = new Uint8Array(n * 16);
  hashes.set(bytes(body.subarray(at, (at += n * 16))));
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const length = body.readUInt32LE(at);
    ids[i] = body.toString('utf8', at + 4, (at += 4 + length));
  }
  if (at !== body.length || visibility.some((v) => v >= header.visibilities.length))
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' };
  return {
    ok: true,
    snapshot: {
      storeId,
      storeSeq: header.storeSeq,
      head: header.head,
      marks: header.marks,
      lists: {
        ids,
        winners: { generations, hashes, odd: header.oddRevs },
        positions,
        visibility,
        deleted,
        otherLeaves: header.otherLeaves,
        visibilities: header.visibilities,
      },
    },
  };
}
