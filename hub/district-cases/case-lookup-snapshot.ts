import { z } from 'zod';
import { readSnapshotFile, writeSnapshotFile, type SnapshotRejection } from '../snapshot/snapshot-file.js';
import type { CaseLookupData } from './case-lookup.js';

/** What the hub's case lookup saves: its contents and the store (and seq in it) they reflect. */
export interface CaseLookupSnapshot {
  /** The store's identity (`storeIdentity`): a snapshot of another store is never loaded. */
  storeId: string;
  /** Every case changed up to this store seq is in the lookup; a restored lookup reads the feed on from here. */
  storeSeq: string;
  lookup: CaseLookupData;
}

/** Bumped whenever the layout changes: an older or newer file is rebuilt, never misread. */
const KIND = { magic: 'HNCL', format: 2 };

const snapshotSchema = z
  .object({
    storeId: z.string(),
    storeSeq: z.string(),
    lookup: z.object({
      key: z.base64().refine((k) => Buffer.from(k, 'base64').length === 32),
      ids: z.array(z.string()),
      codes: z.array(z.string()),
      owners: z.array(z.string()),
    }),
  })
  .refine(({ lookup: l }) => l.codes.length === l.ids.length && l.owners.length === l.ids.length);

/** Writes the case lookup's snapshot (the frame of writeSnapshotFile; the body is its JSON). */
export async function writeCaseLookupSnapshot(path: string, snap: CaseLookupSnapshot): Promise<void> {
  await writeSnapshotFile(path, KIND, (put) => put(new Uint8Array(Buffer.from(JSON.stringify(snap)))));
}

/** Reads the case lookup's snapshot if it is whole, of this format and of the store `storeId`; otherwise says why not. */
export async function readCaseLookupSnapshot(
  path: string,
  storeId: string,
): Promise<{ ok: true; snapshot: CaseLookupSnapshot } | { ok: false; reason: SnapshotRejection }> {
  const read = await readSnapshotFile(path, KIND);
  if (!read.ok) return read;
  let parsed: ReturnType<typeof snapshotSchema.safeParse>;
  try {
    parsed = snapshotSchema.safeParse(JSON.parse(read.body.toString('utf8')));
  } catch {
    return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' };
  }
  if (!parsed.success) return { ok: false, reason: 'ERR_SNAPSHOT_FORMAT' };
  if (parsed.data.storeId !== storeId) return { ok: false, reason: 'ERR_SNAPSHOT_FOREIGN_STORE' };
  return { ok: true, snapshot: parsed.data };
}
