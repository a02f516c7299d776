import { bytes, readSnapshotFile, writeSnapshotFile, type SnapshotRejection } from '../snapshot/snapshot-file.js';
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

/** Bumped whenever the layout below changes: an older or newer file is rebuilt, never misread. */
export const SNAPSHOT_FORMAT = 1;
const KIND = { magic: 'HNVI', format: SNAPSHOT_FORMAT };
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
 * Body, in the frame "HNVI", u32 format … SHA-256 (writeSnapshotFile): u32 header length, header
 * JSON, then per document as columns the position (f64), visibility (u32), deleted flag (u8),
 * winner's generation (u32) and hash (16 bytes), then per document its id (u32 length + UTF-8).
 */

/**
 * Writes `snap` to `path` (writeSnapshotFile: whole or not at all). Yields to the event loop
 * between chunks: the hub keeps serving while a million documents are written.
 */
export async function writeIndexSnapshot(path: string, snap: IndexSnapshot): Promise<void> {
  await writeSnapshotFile(path, KIND, async (put) => {
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
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length, 0);
    await put(bytes(length));
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
  });
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
  const read = await readSnapshotFile(path, KIND);
  if (!read.ok) return read;
  try {
    return decode(read.body, storeId);
  } catch {
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' }; // whole and ours, yet unreadable: rebuilt all the same
  }
}

function decode(
  body: Buffer,
  storeId: string,
): { ok: true; snapshot: IndexSnapshot } | { ok: false; reason: SnapshotRejection } {
  const headerEnd = 4 + body.readUInt32LE(0);
  const header = JSON.parse(body.toString('utf8', 4, headerEnd)) as Header;
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
