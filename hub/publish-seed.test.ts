import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../sync/index.js';
import { tempDir } from '../test/support/temp-dir.js';
import { publishSeed } from './publish-seed.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store } from './store/store.js';

const dir = tempDir('hallnet-publish-seed-');
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  dir.remove();
});

const envelope = {
  scope: 'dongcheng',
  parties: ['dongcheng'],
  author: { id: 'seed', org: 'dongcheng' },
  at: '2026-01-01T00:00:00+08:00',
};
const matter = (promisedDays: number, extra: object = {}) =>
  ({
    _id: 'matter:M1',
    type: 'matter',
    ...envelope,
    code: 'M1',
    version: 1,
    promisedDays,
    ...extra,
  }) as unknown as Envelope;
const calendar = (note: string) =>
  ({ _id: 'calendar:2026', type: 'calendar', ...envelope, note }) as unknown as Envelope;

describe('publishSeed', () => {
  it('writes what the store lacks, rewrites an unsigned seed matter an older software shipped, and keeps the rest', async () => {
    store = await createPouchStore({ dir: dir.path });
    expect(await publishSeed(store, [matter(20), calendar('a')])).toBe(2);
    expect(await publishSeed(store, [matter(20), calendar('a')])).toBe(0);
    // The software's seed changed: the unsigned matter follows it, the calendar the district may have changed stays.
    expect(await publishSeed(store, [matter(15), calendar('b')])).toBe(1);
    expect(await store.get('matter:M1')).toMatchObject({ promisedDays: 15 });
    expect(await store.get('calendar:2026')).toMatchObject({ note: 'a' });
    // A signed matter (a version the district published under the seed's id) is the district's: it stays.
    const held = (await store.get('matter:M1'))!;
    await store.bulkDocs([{ ...held, proof: { kid: 'k', sig: 's' } }] as never, { newEdits: true });
    expect(await publishSeed(store, [matter(10)])).toBe(0);
    expect(await store.get('matter:M1')).toMatchObject({ promisedDays: 15 });
  });

  it("rewrites a district's root published before the city certified roots, once, and nothing else of a certificate", async () => {
    store = await createPouchStore({ dir: dir.path });
    const root = { _id: 'certificate:01', type: 'certificate', ...envelope, org: 'xicheng', certPem: 'root' };
    expect(await publishSeed(store, [root as unknown as Envelope])).toBe(1);
    const certified = { ...root, cityCertPem: 'by the city' } as unknown as Envelope;
    expect(await publishSeed(store, [certified])).toBe(1);
    expect(await store.get('certificate:01')).toMatchObject({ cityCertPem: 'by the city' });
    expect(await publishSeed(store, [{ ...certified, cityCertPem: 'again' } as unknown as Envelope])).toBe(0);
    expect(await publishSeed(store, [{ ...root, certPem: 'other' } as unknown as Envelope])).toBe(0);
  });

  it("renames a district's root when the city gives the district another name, and only then", async () => {
    store = await createPouchStore({ dir: dir.path });
    const root = (name: string) =>
      ({
        _id: 'certificate:02',
        type: 'certificate',
        ...envelope,
        org: 'dongcheng',
        certPem: 'root',
        cityCertPem: 'by the city',
        name,
      }) as unknown as Envelope;
    expect(await publishSeed(store, [root('dongcheng root')])).toBe(1);
    expect(await publishSeed(store, [root('东城区')])).toBe(1);
    expect(await store.get('certificate:02')).toMatchObject({ name: '东城区' });
    expect(await publishSeed(store, [root('东城区')])).toBe(0);
  });
});
