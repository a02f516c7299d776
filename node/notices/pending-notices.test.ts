import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/support/eventually.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { PendingNotices } from './pending-notices.js';

const dir = tempDir('hallnet-pending-notices-');
const silent = { warn: () => undefined };
const HALL = 'dongcheng/jingshan';

afterAll(() => dir.remove());

const notice = (i: number, status: string, scope = HALL) => ({
  _id: `notice:case-${String(i).padStart(5, '0')}:e`,
  type: 'notice',
  scope,
  status,
  nextAttemptAt: new Date(Date.UTC(2026, 10, 23, 0, 0, i)).toISOString(),
});

describe('PendingNotices', () => {
  it('finds every pending notice of its hall across pages, and after a restart those changed since it last saved', async () => {
    const db = new PouchDB(join(dir.path, 'replica'));
    // 1,203 notices: more than two pages; every third pending here, every seventh another hall's.
    const docs = Array.from({ length: 1203 }, (_, i) =>
      notice(i, i % 3 === 0 ? 'pending' : 'sent', i % 7 === 0 ? 'dongcheng/donghuamen' : HALL),
    );
    await db.bulkDocs(docs);
    const expected = docs.filter((d) => d.status === 'pending' && d.scope === HALL).map((d) => d._id);
    const far = Date.UTC(2027, 0, 1);

    const first = await PendingNotices.open(db, HALL, silent);
    expect(first.dueBy(far)).toEqual(expected);
    // Due by the time of the 10th notice: the pending ones among the first ten, earliest first.
    expect(first.dueBy(Date.UTC(2026, 10, 23, 0, 0, 9))).toEqual(expected.filter((id) => id < 'notice:case-00010'));
    await first.save();
    first.close();

    // Written while no outbox ran (replication, or a pass cut short before it saved): one sent, one new.
    const sentNow = await db.get<Record<string, unknown>>(expected[0]!);
    await db.put({ ...sentNow, status: 'sent' });
    await db.put(notice(5000, 'pending'));

    const again = await PendingNotices.open(db, HALL, silent);
    const now = [...expected.slice(1), 'notice:case-05000:e'].sort();
    await eventually(
      () => JSON.stringify([...again.dueBy(far)].sort()) === JSON.stringify(now),
      5_000,
      'changes since',
    );
    again.close();
    await db.close();
  });
});
