import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { eachWithPrefix } from './each-with-prefix.js';

const dir = tempDir('hallnet-each-with-prefix-');
afterAll(() => dir.remove());

describe('eachWithPrefix', () => {
  it('hands over every document of the prefix once, in id order, across pages, and nothing beside it', async () => {
    const db = new PouchDB(join(dir.path, 'db'));
    const ids = Array.from({ length: 23 }, (_, i) => `booking:${String(i).padStart(3, '0')}`);
    await db.bulkDocs([...ids, 'bookinf:before', 'bookingz', 'case:1'].map((_id) => ({ _id, n: 1 })));
    for (const page of [5, 23, 100]) {
      const seen: string[] = [];
      await eachWithPrefix(
        db,
        'booking:',
        (id, doc) => {
          expect(doc).toMatchObject({ _id: id, n: 1 });
          seen.push(id);
        },
        page,
      );
      expect(seen).toEqual(ids);
    }
    await db.close();
  });
});
