import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDoc, RatingLevel } from '../../sync/index.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { createPouchStore } from '../store/pouch-store.js';
import type { Store, StoredDoc } from '../store/store.js';
import { caseDoc, ratingDoc, withEvent } from '../testing/hub-fixtures.js';
import { createRootCa } from '../../identity/index.js';
import { cityFigures } from './city-figures.js';
import { districtRootDoc } from './district-root-doc.js';

const XC_HALL = 'xicheng/jinrongjie/fengsheng';
const DC_DEPT = 'dongcheng/dept/police';
const dir = tempDir('hallnet-city-figures-');
let store: Store;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const period = { from: today, to: today };

/**
 * A case accepted at the 西城 community and forwarded to 东城's police; completed there when `done`,
 * a moment later — or, `instant`, at the very time of its acceptance (即办: completion at acceptance).
 */
async function crossCase(done: 'open' | 'later' | 'instant'): Promise<CaseDoc> {
  const forwarded = withEvent(caseDoc({ scope: XC_HALL }), XC_HALL, { kind: 'forwarded', to: DC_DEPT });
  if (done === 'open') return forwarded;
  await new Promise((r) => setTimeout(r, 2));
  const completed = withEvent(forwarded, DC_DEPT, { kind: 'completed' });
  if (done === 'instant') completed.events.at(-1)!.at = completed.events[0]!.at;
  return completed;
}

/** The resident's rating of a completed case, as the 西城 hall writes it. */
const rating = (c: CaseDoc, level: RatingLevel) => ratingDoc(c, level) as StoredDoc;

let done: CaseDoc[] = [];
const levels: RatingLevel[] = ['very-satisfied', 'satisfied', 'satisfied', 'basic', 'very-dissatisfied'];

beforeAll(async () => {
  store = await createPouchStore({ dir: dir.path });
  done = [await crossCase('instant')];
  for (let i = 0; i < 4; i++) done.push(await crossCase('later'));
  // A 西城-only case is no business of the city's, even if a store held it.
  await store.bulkDocs([...done, await crossCase('open'), caseDoc({ scope: XC_HALL })], { newEdits: true });
  await store.bulkDocs(
    done.slice(0, 4).map((c, i) => rating(c, levels[i]!)),
    { newEdits: true },
  );
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

describe('the city supervision’s per-district figures of cross-district cases', () => {
  it('counts each case for its accepting and its deciding district, and withholds satisfaction below 5 ratings (样本不足)', async () => {
    const f = await cityFigures(store, period, new Date());
    expect(f.districts.map((d) => d.district)).toEqual(['dongcheng', 'xicheng']);
    const [dc, xc] = f.districts;
    const counted = {
      accepted: 6,
      completed: 5,
      onTime: 5,
      onTimeRate: 1,
      instant: 1,
      instantRate: 0.1667,
      lights: { green: 1, yellow: 0, red: 0, paused: 0 },
      ratings: null,
      satisfactionRate: null,
      ratingsWithheld: '样本不足',
    };
    expect(xc!.accepting).toEqual(counted);
    expect(dc!.deciding).toEqual(counted);
    // 东城 accepted none of them, 西城 decided none.
    expect(dc!.accepting).toMatchObject({
      accepted: 0,
      completed: 0,
      onTimeRate: null,
      ratings: 0,
      ratingsWithheld: null,
    });
    expect(xc!.deciding).toMatchObject({ accepted: 0, ratings: 0 });
  });

  it('shows satisfaction from the fifth rating on, and counts nothing outside the period', async () => {
    await store.bulkDocs([rating(done[4]!, levels[4]!)], { newEdits: true });
    const [dc, xc] = (await cityFigures(store, period, new Date())).districts;
    for (const role of [xc!.accepting, dc!.deciding])
      expect(role).toMatchObject({ ratings: 5, satisfactionRate: 0.8, ratingsWithheld: null });
    const before = await cityFigures(store, { from: '2020-01-01', to: '2020-01-31' }, new Date());
    expect(before.districts.find((d) => d.district === 'xicheng')!.accepting).toMatchObject({
      accepted: 0,
      completed: 0,
      ratings: 0,
      lights: { green: 1, yellow: 0, red: 0, paused: 0 },
    });
  });

  it('names each district as the root the city publishes names it, and by its slug where none does', async () => {
    const root = (district: string) => createRootCa({ district, name: `${district} CA` }).certPem;
    const city = createRootCa({ district: 'beijing', name: '北京市 CA', city: true });
    const cityCa = { keyPem: city.keyPem, chainPem: [city.certPem] };
    await store.bulkDocs(
      [
        districtRootDoc('beijing', 'xicheng', root('xicheng'), new Date(), cityCa, '西城区'),
        districtRootDoc('beijing', 'beijing', city.certPem, new Date()),
      ] as unknown as StoredDoc[],
      { newEdits: true },
    );
    const named = (await cityFigures(store, period, new Date())).districts.map((d) => [d.district, d.name]);
    expect(named).toEqual([
      ['dongcheng', 'dongcheng'],
      ['xicheng', '西城区'],
    ]);
  });
});
