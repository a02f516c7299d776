import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, phoneOf, queueCategories } from '../../test/support/queue-fixtures.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { createHallQueue } from './create-hall-queue.js';
import { QueueStore, type StoredQueue } from './queue-store.js';

// Monday 23 November 2026, 10:00 in Beijing.
const DAY = '20261123';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hallnet-queue-store-');
});
afterEach(() => dir.remove());

/** A day of a real queue: two windows, tickets issued, one called and finished, as the queue stores them. */
async function aDay(dataDir: string): Promise<StoredQueue> {
  const queue = await createHallQueue({
    dataDir,
    clock: manualClock('2026-11-23T02:00:00.000Z').clock,
    notify: () => {},
    org: 'dongcheng/jingshan',
    categories: queueCategories(),
  });
  try {
    await queue.setupWindow('w1', { name: '1号窗口', categories: [1, 2] });
    await queue.setupWindow('w2', { name: '2号窗口', categories: [1] });
    await queue.openWindow('w1', { id: 'zhang' });
    for (let i = 1; i <= 3; i++) await queue.issue({ via: 'phone', category: 1, phone: phoneOf(i) });
    await queue.callNext('w1', { id: 'zhang' });
    await queue.act('w1', { id: 'zhang' }, { kind: 'finish' });
  } finally {
    await queue.close();
  }
  const store = await QueueStore.open(dataDir);
  try {
    return await store.load(DAY);
  } finally {
    await store.close();
  }
}

describe('queue store', () => {
  it('takes over the PouchDB database an older version kept, once, and removes it', async () => {
    const day = await aDay(join(dir.path, 'source'));
    expect(day.tickets).toHaveLength(3);
    // What an older hallnet left in `<dataDir>/queue`: the documents under their ids, revisions,
    // the purge mark as a `_local` document, and a document no schema of today's queue reads.
    const dataDir = join(dir.path, 'node');
    mkdirSync(dataDir);
    const old = new PouchDB(join(dataDir, 'queue'));
    const docs = [...day.tickets, ...day.windows, ...day.appointments].map((d) => ({ ...d, _id: `${d.type}:${d.id}` }));
    for (const d of docs) {
      const first = await old.put({ ...d, note: 'an earlier revision' });
      await old.put({ ...d, _rev: first.rev });
    }
    await old.put({ _id: `ticket:${DAY}-junk`, type: 'ticket', number: 7 });
    await old.put({ _id: '_local/purged-until', day: '20261101' });
    await old.close();

    const warned: string[] = [];
    const store = await QueueStore.open(dataDir, (msg) => void warned.push(msg));
    try {
      const loaded = await store.load(DAY);
      expect(loaded).toEqual(day);
      expect(loaded.tickets[0]).not.toHaveProperty('note');
      expect(existsSync(join(dataDir, 'queue'))).toBe(false);
      expect(existsSync(join(dataDir, 'queue.taken-over'))).toBe(false);
      expect(warned).toEqual(['queue taken over from its PouchDB database', 'queue document skipped']);
      // The purge mark came along: nothing before it is looked at again.
      expect(await store.purgePersonalData('20261101')).toBe(0);
    } finally {
      await store.close();
    }

    // Reopened: read from its own store, nothing taken over again.
    const again = await QueueStore.open(dataDir, (msg) => void warned.push(msg));
    try {
      expect(await again.load(DAY)).toEqual(day);
      expect(warned).toHaveLength(3);
    } finally {
      await again.close();
    }
  });

  it('removes at start what a crash left of a database it had taken over', async () => {
    const dataDir = join(dir.path, 'node');
    const day = await aDay(dataDir);
    // Killed while removing the old folder, renamed aside once its documents were copied.
    mkdirSync(join(dataDir, 'queue.taken-over'));
    writeFileSync(join(dataDir, 'queue.taken-over', '000005.ldb'), 'half of a table');
    const warned: string[] = [];
    const store = await QueueStore.open(dataDir, (msg) => void warned.push(msg));
    try {
      expect(existsSync(join(dataDir, 'queue.taken-over'))).toBe(false);
      expect(await store.load(DAY)).toEqual(day);
      expect(warned).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('reads a ticket of any day by its id, and what it was last written as', async () => {
    const dataDir = join(dir.path, 'node');
    const day = await aDay(dataDir);
    const store = await QueueStore.open(dataDir);
    try {
      const [first] = day.tickets;
      expect(await store.ticket(first!.id)).toEqual(first);
      expect(await store.ticket(`${DAY}-nosuch`)).toBeUndefined();
      const missed = { ...first!, state: 'no-show' as const };
      await store.save([missed]);
      expect(await store.ticket(first!.id)).toEqual(missed);
    } finally {
      await store.close();
    }
  });
});
