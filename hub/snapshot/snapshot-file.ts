import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Why a snapshot was not loaded; what it caches is then built from the store instead. */
export type SnapshotRejection =
  | 'ERR_SNAPSHOT_MISSING'
  | 'ERR_SNAPSHOT_TRUNCATED'
  | 'ERR_SNAPSHOT_CHECKSUM'
  | 'ERR_SNAPSHOT_FORMAT'
  | 'ERR_SNAPSHOT_FOREIGN_STORE';

/** What a snapshot file holds: four magic bytes naming its kind, and the version of its layout. */
export interface SnapshotKind {
  magic: string;
  format: number;
}

const DIGEST = 32;
/** Magic (4 bytes) and format (u32). */
const PREFIX = 8;

/*
 * Frame: the kind's 4 magic bytes, u32 format, the body as `writeBody` puts it, then the SHA-256
 * of everything before it.
 */

/**
 * Writes a snapshot to `path` through a temporary file renamed into place, so a crash mid-write
 * leaves the previous snapshot (or none), never half of one. `writeBody` puts the body in chunks,
 * and may yield to the event loop between them.
 */
export async function writeSnapshotFile(
  path: string,
  kind: SnapshotKind,
  writeBody: (put: (chunk: Uint8Array) => Promise<void>) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  const hash = createHash('sha256');
  const put = async (chunk: Uint8Array) => {
    hash.update(chunk);
    await file.write(chunk);
  };
  try {
    const prefix = Buffer.alloc(PREFIX);
    prefix.write(kind.magic, 0, 4, 'latin1');
    prefix.writeUInt32LE(kind.format, 4);
    await put(bytes(prefix));
    await writeBody(put);
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

/**
 * The body of the snapshot at `path` if it is whole and of this kind and format; otherwise why
 * not. The body is a view into the file's bytes (not aligned for typed arrays).
 */
export async function readSnapshotFile(
  path: string,
  kind: SnapshotKind,
): Promise<{ ok: true; body: Buffer } | { ok: false; reason: SnapshotRejection }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'ERR_SNAPSHOT_MISSING' };
    throw err;
  }
  if (buf.length < PREFIX + DIGEST) return { ok: false, reason: 'ERR_SNAPSHOT_TRUNCATED' };
  if (buf.toString('latin1', 0, 4) !== kind.magic || buf.readUInt32LE(4) !== kind.format)
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' };
  const framed = buf.subarray(0, buf.length - DIGEST);
  if (
    !createHash('sha256')
      .update(bytes(framed))
      .digest()
      .equals(buf.subarray(buf.length - DIGEST))
  )
    return { ok: false, reason: 'ERR_SNAPSHOT_CHECKSUM' };
  return { ok: true, body: framed.subarray(PREFIX) };
}

/** A Buffer as the plain Uint8Array it is (Node's Buffer typings and TypeScript's lib disagree on `slice`). */
export function bytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
