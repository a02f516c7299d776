import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';
import { followStore } from './follow-store.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store } from './store/store.js';

describe('followStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('skips and logs a document its view cannot take, and goes on with the rest', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs([{ _id: 'grant:1' }, { _id: 'grant:poison' }, { _id: 'grant:3' }], { newEdits: true });
    const taken: string[] = [];
    const warned: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warned.push(JSON.parse(line).id) });
    const follower = followStore(store, 'grant:', (doc) => {
      if (doc._id === 'grant:poison') throw new Error('cannot read it');
      taken.push(doc._id);
    }, logger);
    await follower.ready;
    await store.bulkDocs([{ _id: 'grant:4' }], { newEdits: true });
    while (!taken.includes('grant:4')) await new Promise((r) => setTimeout(r, 20));
    follower.stop();
    expect(taken).toEqual(['grant:1', 'grant:3', 'grant:4']);
    expect(warned).toEqual(['grant:poison']);
  });
});
