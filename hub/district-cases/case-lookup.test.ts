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
});
