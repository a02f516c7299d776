import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { VerifiedRevisions } from './verified-revisions.js';

const dir = tempDir('hallnet-verified-revisions-');
afterAll(() => dir.remove());

async function reopened(db: PouchDB.Database): Promise<VerifiedRevisions> {
  const v = new VerifiedRevisions(db);
  await v.load();
  return v;
}

describe('VerifiedRevisions', () => {
  it('keeps what was marked across restarts, forgets what was forgotten or cleared, and drops the old layout', async () => {
    const db = new PouchDB(join(dir.path, 'db'));
    // A bucket of the 256-bucket layout, left by an earlier version.
    await db.put({ _id: '_local/case-verified:0a', revs: { 'case:old': '1-a' } });
    const ids = Array.from({ length: 1000 }, (_, i) => `case:${i}`);
    const v = await reopened(db);
    for (const id of ids) v.mark(id, `2-${id}`);
    await v.close();

    const again = await reopened(db);
    expect(ids.every((id) => again.has(id, `2-${id}`))).toBe(true);
    expect(again.has('case:1', '3-other')).toBe(false);
    expect(again.has('case:old', '1-a')).toBe(false);
    await expect(db.get('_local/case-verified:0a')).rejects.toMatchObject({ status: 404 });
    again.forget('case:7');
    again.mark('case:8', '3-new');
    await again.close();

    const third = await reopened(db);
    expect(third.has('case:7', '2-case:7')).toBe(false);
    expect(third.has('case:8', '3-new')).toBe(true);
    expect(third.has('case:9', '2-case:9')).toBe(true);
    third.clear();
    await third.close();

    const cleared = await reopened(db);
    expect(ids.some((id) => cleared.has(id, `2-${id}`) || cleared.has(id, '3-new'))).toBe(false);
    await cleared.close();
    await db.close();
  });
});
