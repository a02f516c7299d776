import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollDistrictHub, initCityCa } from '../../deploy/enroll-district-hub.js';
import { enrollNode, initDistrictCa, readDistrictCa } from '../../deploy/enroll.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { readCityCredentials } from '../../hub/city/city-credentials.js';
import type { Store } from '../../hub/store/store.js';
import { caseDoc, materialDoc, matterDoc, ratingDoc, withEvent } from '../../hub/testing/hub-fixtures.js';
import { readKeyFile, signNodeToken } from '../../identity/index.js';
import { HUB_AUDIENCE, type CaseDoc } from '../../sync/index.js';
import { eventually } from '../support/eventually.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { tempDir } from '../support/temp-dir.js';
import { revision, startCityHubs, type CityHubs } from './city-hubs.js';

const XC_HALL = 'xicheng/jinrongjie/fengsheng';
const DC_DEPT = 'dongcheng/dept/police';
const CY_DEPT = 'chaoyang/dept/police';

const dir = tempDir();
let hubs: CityHubs;
let line: FaultProxy;

const store = (district: string): Store => hubs.districts.get(district)!.store;
const holds = async (s: Store, id: string) => (await s.get(id)) !== undefined;
const eventsAt = async (s: Store, id: string) => ((await s.get(id)) as CaseDoc | undefined)?.events.length ?? 0;

/** A case accepted at a 西城 community and forwarded to `to`, written at 西城's hub as its hall's push leaves it. */
async function crossCase(to: string): Promise<CaseDoc> {
  const doc = withEvent(caseDoc({ scope: XC_HALL }), XC_HALL, { kind: 'forwarded', to });
  await store('xicheng').bulkDocs([doc], { newEdits: true });
  return (await store('xicheng').get(doc._id)) as CaseDoc;
}

beforeAll(async () => {
  hubs = await startCityHubs(dir.path, 'beijing', ['dongcheng', 'chaoyang']);
  // 西城 reaches the city through a line the test can cut.
  line = await startFaultProxy(Number(new URL(hubs.city.url).port));
  await hubs.startDistrict('xicheng', line.url);
  // The halls whose signed events the suite relays: their certificates reach the city before their casework.
  for (const org of [XC_HALL, DC_DEPT, CY_DEPT]) await hubs.enrollHall(org);
}, 60_000);

afterAll(async () => {
  await hubs?.close();
  await line?.close();
  dir.remove();
});

describe('district hubs under a city hub (跨区通办)', () => {
  it('links each district hub to the city with its certificate from the city CA', async () => {
    for (const d of ['xicheng', 'dongcheng', 'chaoyang'])
      await eventually(() => hubs.districts.get(d)!.city?.status().connected, 10_000, `${d} linked`);
    const health = await (await fetch(`${hubs.districts.get('xicheng')!.url}/healthz`)).json();
    expect(health).toMatchObject({ district: 'xicheng', city: true });
  });

  it('carries a case that involves 东城 from 西城 to the city and 东城 only; a 西城-only case stays home', async () => {
    const internal = caseDoc({ scope: XC_HALL });
    await store('xicheng').bulkDocs([internal], { newEdits: true });
    const toDc = await crossCase(DC_DEPT);
    const toCy = await crossCase(CY_DEPT);
    await eventually(() => holds(store('dongcheng'), toDc._id), 15_000, 'case at 东城');
    await eventually(() => holds(store('chaoyang'), toCy._id), 15_000, 'other case at 朝阳');
    expect(await holds(hubs.city.store, toDc._id)).toBe(true);
    // Each district sees only what involves it; the internal case went nowhere.
    expect(await holds(store('chaoyang'), toDc._id)).toBe(false);
    expect(await holds(store('dongcheng'), toCy._id)).toBe(false);
    expect(await holds(hubs.city.store, internal._id)).toBe(false);
    expect((await hubs.city.store.get(toDc._id))?._rev).toBe(toDc._rev);
  });

  it("carries the case's material with its file, and 东城's decision back to 西城", async () => {
    const kase = await crossCase(DC_DEPT);
    const material = materialDoc(kase, '跨区材料扫描件') as { _id: string };
    await store('xicheng').bulkDocs([material as never], { newEdits: true });
    await eventually(() => holds(store('dongcheng'), material._id), 15_000, 'material at 东城');
    const file = await store('dongcheng').getAttachment(material._id, 'file');
    expect(Buffer.from(file!.data).toString()).toBe('跨区材料扫描件');

    const atDc = (await eventually(() => store('dongcheng').get(kase._id), 15_000)) as CaseDoc;
    await store('dongcheng').bulkDocs([withEvent(atDc, DC_DEPT, { kind: 'completed' })], { newEdits: true });
    await eventually(async () => (await eventsAt(store('xicheng'), kase._id)) === 3, 15_000, 'decision at 西城');
    expect(((await store('xicheng').get(kase._id)) as CaseDoc).events.at(-1)).toMatchObject({
      kind: 'completed',
      actor: { org: DC_DEPT },
    });
  });

  it("refuses a district hub's case that does not involve it, one of its own alone, another's events, and city documents", async () => {
    const notMine = withEvent(
      caseDoc({ scope: 'dongcheng/jingshan/huangchenggen' }),
      'dongcheng/jingshan/huangchenggen',
      {
        kind: 'forwarded',
        to: CY_DEPT,
      },
    );
    const ownOnly = caseDoc({ scope: XC_HALL });
    const held = await crossCase(DC_DEPT);
    await eventually(() => holds(hubs.city.store, held._id), 15_000, 'case at the city');
    // 西城 relaying a decision its hall did not make: 东城's department.
    const forged = revision(withEvent(held, DC_DEPT, { kind: 'completed' }), held);
    const matter = { ...matterDoc(), scope: 'xicheng', parties: ['xicheng'] };
    const answers = await hubs.pushAsDistrict('xicheng', [
      revision(notMine),
      revision(ownOnly),
      forged,
      revision(matter),
      revision({ _id: held._id, _deleted: true }, held),
    ]);
    expect(answers.map((a) => a.error)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(answers[0]!.reason).toMatch(/does not involve xicheng/);
    expect(answers[1]!.reason).toMatch(/involves xicheng alone/);
    expect(answers[2]!.reason).toMatch(/not xicheng's to relay/);
    expect(answers[3]!.reason).toMatch(/city hub's own/);
    expect(answers[4]!.reason).toMatch(/only dongcheng's hub merges the branches of this case/);
    // The case as held, with junk beside its fields: nothing else changed.
    const [junk] = await hubs.pushAsDistrict('xicheng', [revision({ ...held, junk: 'x'.repeat(10_000) }, held)]);
    expect(junk).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/junk: a case document has no such field/),
    });
    expect(await holds(hubs.city.store, notMine._id)).toBe(false);
    expect(await eventsAt(hubs.city.store, held._id)).toBe(2);
  });

  it('carries a rating of a cross-district case up to the city, and refuses one of another district, of a case it lacks, changed or unsigned', async () => {
    const kase = await crossCase(DC_DEPT);
    const rating = ratingDoc(kase, 'satisfied');
    await store('xicheng').bulkDocs([rating as never], { newEdits: true });
    await eventually(() => holds(hubs.city.store, rating._id), 15_000, 'the rating at the city');
    const held = (await hubs.city.store.get(rating._id))!;
    const other = await crossCase(DC_DEPT);
    await eventually(() => holds(hubs.city.store, other._id), 15_000, 'the other case at the city');
    const answers = await hubs.pushAsDistrict('xicheng', [
      revision(ratingDoc(other, 'basic', DC_DEPT)),
      // A case that crossed nowhere: 西城 never sent it.
      revision(ratingDoc(withEvent(caseDoc({ scope: XC_HALL }), XC_HALL, { kind: 'forwarded', to: DC_DEPT }), 'basic')),
      revision({ ...held, level: 'very-satisfied' }, held),
      revision({ ...ratingDoc(other, 'basic'), proof: undefined }),
    ]);
    expect(answers.map((a) => a.error)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(answers[0]!.reason).toMatch(/by dongcheng\/dept\/police is not xicheng's to relay/);
    expect(answers[1]!.reason).toMatch(/names no case the city holds/);
    expect(answers[2]!.reason).toMatch(/a rating never changes/);
    expect(answers[3]!.reason).toMatch(/the rating carries no proof/);
  });

  it("refuses a district hub enrolled by another city, and a hall's certificate from its district", async () => {
    const otherDir = join(dir.path, 'tianjin');
    const other = initCityCa(otherDir, 'tianjin', '天津 CA');
    initDistrictCa(otherDir, 'xicheng', '西城区 CA');
    enrollDistrictHub(otherDir, 'xicheng', 'xicheng hub', other);
    const foreign = await signNodeToken({ ...readCityCredentials(otherDir), audience: HUB_AUDIENCE });
    const res = await fetch(`${hubs.city.url}/db/_changes`, { headers: { authorization: `Bearer ${foreign}` } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'unauthorized' });

    // A 西城 street office, enrolled by the 西城 CA: a node of its district, not of the city.
    const hallDir = join(dir.path, 'xicheng-street');
    const chain = enrollNode(hallDir, 'xicheng/jinrongjie', '金融街街道', readDistrictCa(hubs.caDir('xicheng')));
    const hall = await signNodeToken({
      keyPem: readKeyFile(nodeKeyPath(hallDir)),
      chainPem: chain,
      audience: HUB_AUDIENCE,
    });
    expect((await fetch(`${hubs.city.url}/db/`, { headers: { authorization: `Bearer ${hall}` } })).status).toBe(401);
  });

  it('keeps 西城 working while its line to the city is down, and converges both ways when it is back', async () => {
    const before = await crossCase(DC_DEPT);
    await eventually(() => holds(store('dongcheng'), before._id), 15_000, 'case at 东城');
    line.set('reset');
    await eventually(() => !hubs.districts.get('xicheng')!.city!.status().connected, 15_000, '西城 offline');
    // 西城 accepts a new cross-district case; 东城 decides the earlier one: neither waits for the other.
    const during = await crossCase(DC_DEPT);
    const atDc = (await store('dongcheng').get(before._id)) as CaseDoc;
    await store('dongcheng').bulkDocs([withEvent(atDc, DC_DEPT, { kind: 'completed' })], { newEdits: true });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await holds(hubs.city.store, during._id)).toBe(false);
    expect(await eventsAt(store('xicheng'), before._id)).toBe(2);
    line.set('pass');
    await eventually(() => holds(store('dongcheng'), during._id), 20_000, 'new case at 东城 after reconnect');
    await eventually(async () => (await eventsAt(store('xicheng'), before._id)) === 3, 20_000, 'decision at 西城');
    expect(hubs.districts.get('xicheng')!.city!.status().refused).toEqual([]);
  });

  it("merges a conflict on a case across districts at 东城's hub alone; the merge and the retired branch reach the city and 西城", async () => {
    const kase = await crossCase(DC_DEPT);
    const atDc = (await eventually(() => store('dongcheng').get(kase._id), 15_000, 'case at 东城')) as CaseDoc;
    // 西城's community and 东城's department each append to the same revision while 西城 is cut off.
    line.set('reset');
    await eventually(() => !hubs.districts.get('xicheng')!.city!.status().connected, 15_000, '西城 offline');
    await store('xicheng').bulkDocs([withEvent(kase, XC_HALL)], { newEdits: true });
    await store('dongcheng').bulkDocs([withEvent(atDc, DC_DEPT, { kind: 'completed' })], { newEdits: true });
    line.set('pass');
    const conflicts = async (s: Store) => (await s.get(kase._id, { conflicts: true }))?._conflicts?.length ?? 0;
    for (const [name, s] of [
      ['the city', hubs.city.store],
      ['西城', store('xicheng')],
      ['东城', store('dongcheng')],
    ] as const)
      await eventually(async () => (await conflicts(s)) === 1, 20_000, `the conflict at ${name}`);

    // The city's compactor and 西城's leave it to 东城, the district of the matter's department.
    expect((await hubs.city.compactor.runNow())?.left).toContain(kase._id);
    expect((await hubs.districts.get('xicheng')!.compactor.runNow())?.left).toContain(kase._id);
    expect((await hubs.districts.get('dongcheng')!.compactor.runNow())?.merged).toEqual([kase._id]);
    for (const [name, s] of [
      ['the city', hubs.city.store],
      ['西城', store('xicheng')],
    ] as const)
      await eventually(
        async () => (await conflicts(s)) === 0 && (await eventsAt(s, kase._id)) === 4,
        20_000,
        `the merge at ${name}`,
      );
    expect(hubs.districts.get('dongcheng')!.city!.status().refused).toEqual([]);
  });
});
