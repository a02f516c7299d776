import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { caseDoc } from '../../test/support/fixtures.js';
import { eventually } from '../../test/support/eventually.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { checkCharacter, type Applicant } from '../../sync/index.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { CaseLookup } from './case-lookup.js';
import { followCaseLookup } from './follow-case-lookup.js';

const code = (i: number) => {
  const body = `Q${String(i).padStart(9, '0')}`;
  return body + checkCharacter(body);
};
// Ten residents, a company and a passport holder share 200 cases.
const ID_NUMBERS = [
  '11010519491231002X',
  '110101199003074477',
  '11010119580312004X',
  '110105198807161518',
  '110101197511022121',
];
function applicantOf(i: number): Applicant {
  if (i % 17 === 0)
    return { kind: 'company', name: '某公司', idType: 'uscc', idNumber: '91110101MA01234567', phone: '13800000000' };
  if (i % 13 === 0)
    return { kind: 'person', name: 'Smith', idType: 'passport', idNumber: ID_NUMBERS[0]!, phone: '13800000001' };
  return {
    kind: 'person',
    name: '居民',
    idType: 'resident-id',
    idNumber: ID_NUMBERS[i % ID_NUMBERS.length]!,
    phone: '13800000002',
  };
}
const docs = Array.from({ length: 200 }, (_, i) => ({
  ...caseDoc('dongcheng/jingshan'),
  queryCode: code(i),
  applicant: applicantOf(i),
}));

describe('CaseLookup', () => {
  it('answers what a scan of every case answers: the case of a code, the cases of a resident ID number', () => {
    const lookup = new CaseLookup();
    for (const d of docs) lookup.take(d);
    for (const d of docs) expect(lookup.byQueryCode(d.queryCode)).toBe(d._id);
    expect(lookup.byQueryCode(code(999))).toBeUndefined();
    for (const id of ID_NUMBERS) {
      const scanned = docs
        .filter(
          (d) => d.applicant.kind === 'person' && d.applicant.idType === 'resident-id' && d.applicant.idNumber === id,
        )
        .map((d) => d._id);
      expect(lookup.casesOf(id).sort()).toEqual(scanned.sort());
    }
    expect(lookup.size).toBe(200);
  });

  it('takes each case once and keeps no ID number in the clear', () => {
    const lookup = new CaseLookup();
    lookup.take(docs[1]!);
    lookup.take(docs[1]!);
    expect(lookup.casesOf(docs[1]!.applicant.idNumber)).toEqual([docs[1]!._id]);
    const held = JSON.stringify(
      [...Object.values(lookup as unknown as Record<string, unknown>)].map((v) =>
        v instanceof Map ? [...v.entries()] : v instanceof Set ? [...v] : null,
      ),
    );
    for (const id of ID_NUMBERS) expect(held).not.toContain(id);
  });
});

describe('followCaseLookup', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('takes the cases the store holds at start and new ones from the feed, never fetching a known case again', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs(docs.slice(0, 150) as unknown as StoredDoc[], { newEdits: true });
    let fetched = 0;
    const watched: Store = { ...store, bulkGet: async (reqs, o) => ((fetched += reqs.length), store.bulkGet(reqs, o)) };
    const follower = followCaseLookup(watched, pino({ level: 'silent' }));
    await follower.ready;
    expect(follower.lookup.size).toBe(150);
    // One known case changes (an event appended), fifty new ones arrive.
    const old = (await store.get(docs[0]!._id))!;
    await store.bulkDocs([{ ...old, at: new Date().toISOString() }, ...(docs.slice(150) as unknown as StoredDoc[])], {
      newEdits: true,
    });
    await eventually(() => follower.lookup.size === 200, 10_000, 'new cases taken');
    follower.stop();
    expect(follower.lookup.byQueryCode(docs[199]!.queryCode)).toBe(docs[199]!._id);
    expect(fetched).toBe(50);
  });

  it('reads nothing before `after` has settled (the hub loads its visibility index first), then every case', async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    await store.bulkDocs(docs.slice(0, 20) as unknown as StoredDoc[], { newEdits: true });
    let reads = 0;
    const watched: Store = { ...store, docsByPrefix: async (p, o) => (reads++, store.docsByPrefix(p, o)) };
    let release!: () => void;
    const follower = followCaseLookup(watched, pino({ level: 'silent' }), {
      after: new Promise<void>((r) => (release = r)),
    });
    await new Promise((r) => setTimeout(r, 200));
    expect({ reads, size: follower.lookup.size }).toEqual({ reads: 0, size: 0 });
    release();
    await follower.ready;
    expect(follower.lookup.size).toBe(20);
    await follower.stop();
  });

  describe('after a restart, from its snapshot', () => {
    const lines: { msg: string; reason?: string }[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }),
    );
    /** Store reads a restarted lookup makes: whole-prefix pages and documents fetched. */
    const counted = () => {
      const reads = { prefixPages: 0, fetched: 0 };
      const watched: Store = {
        ...store,
        docsByPrefix: (prefix, page) => (reads.prefixPages++, store.docsByPrefix(prefix, page)),
        bulkGet: async (reqs, o) => ((reads.fetched += reqs.length), store.bulkGet(reqs, o)),
      };
      return { watched, reads };
    };
    /** Every code and every holder answers as a scan of the store's cases answers. */
    const agreesWithScan = (lookup: CaseLookup, held: typeof docs) => {
      for (const d of held) expect(lookup.byQueryCode(d.queryCode)).toBe(d._id);
      for (const id of ID_NUMBERS) {
        const scanned = held.filter(
          (d) => d.applicant.kind === 'person' && d.applicant.idType === 'resident-id' && d.applicant.idNumber === id,
        );
        expect(lookup.casesOf(id).sort()).toEqual(scanned.map((d) => d._id).sort());
      }
      expect(lookup.casesOfHolder('uscc', '91110101MA01234567').sort()).toEqual(
        held
          .filter((d) => d.applicant.idType === 'uscc')
          .map((d) => d._id)
          .sort(),
      );
      expect(lookup.size).toBe(held.length);
    };

    it('reads only the feed written since its snapshot, cases written while it was down included', async () => {
      dir = tempDir();
      store = await createPouchStore({ dir: join(dir.path, 'store') });
      const snapshot = { path: join(dir.path, 'hub', 'case-lookup.snapshot') };
      await store.bulkDocs(docs.slice(0, 150) as unknown as StoredDoc[], { newEdits: true });
      const first = followCaseLookup(store, logger, { snapshot });
      await first.ready;
      await first.stop(); // writes its snapshot
      // While the hub is down: fifty new cases, and an event on a known one.
      const old = (await store.get(docs[0]!._id))!;
      await store.bulkDocs([{ ...old, at: new Date().toISOString() }, ...(docs.slice(150) as unknown as StoredDoc[])], {
        newEdits: true,
      });
      const { watched, reads } = counted();
      lines.length = 0;
      const restarted = followCaseLookup(watched, logger, { snapshot });
      await restarted.ready;
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: expect.stringContaining('restored from its snapshot') }),
      );
      expect(reads).toEqual({ prefixPages: 0, fetched: 50 });
      agreesWithScan(restarted.lookup, docs);
      // And it keeps following the feed.
      const later = { ...caseDoc('dongcheng/jingshan'), queryCode: code(500), applicant: applicantOf(1) };
      await store.bulkDocs([later as unknown as StoredDoc], { newEdits: true });
      await eventually(() => restarted.lookup.byQueryCode(later.queryCode) === later._id, 10_000, 'later case taken');
      expect(restarted.lookup.casesOf(later.applicant.idNumber)).toContain(later._id);
      await restarted.stop();
    });

    it('rebuilds from the store when its snapshot is corrupt or missing, and answers the same', async () => {
      dir = tempDir();
      store = await createPouchStore({ dir: join(dir.path, 'store') });
      const snapshot = { path: join(dir.path, 'hub', 'case-lookup.snapshot') };
      await store.bulkDocs(docs as unknown as StoredDoc[], { newEdits: true });
      const first = followCaseLookup(store, logger, { snapshot });
      await first.ready;
      await first.stop();
      const good = new Uint8Array(await readFile(snapshot.path));
      good[good.length - 50] = (good[good.length - 50] as number) ^ 0xff;
      await writeFile(snapshot.path, good);
      for (const reason of ['ERR_SNAPSHOT_CHECKSUM', undefined]) {
        if (!reason) await rm(snapshot.path);
        const { watched, reads } = counted();
        lines.length = 0;
        const rebuilt = followCaseLookup(watched, logger, { snapshot });
        await rebuilt.ready;
        if (reason)
          expect(lines).toContainEqual(
            expect.objectContaining({ msg: expect.stringContaining('snapshot ignored'), reason }),
          );
        else
          expect(lines).toContainEqual(
            expect.objectContaining({ msg: 'no case lookup snapshot: building from the whole store feed' }),
          );
        expect(reads.prefixPages).toBeGreaterThan(0);
        agreesWithScan(rebuilt.lookup, docs);
        await rebuilt.stop(); // writes a good snapshot again
      }
      const { watched, reads } = counted();
      const restored = followCaseLookup(watched, logger, { snapshot });
      await restored.ready;
      expect(reads.prefixPages).toBe(0);
      agreesWithScan(restored.lookup, docs);
      await restored.stop();
    });
  });
});
