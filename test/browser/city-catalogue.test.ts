import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCity, type RunningCity } from '../../deploy/start-city.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { matterDocId, matterVersionDocId } from '../../sync/index.js';
import { attackerOf, firstRev, type Attacker, type Forged } from '../attacks/support/attacker.js';
import { clerkClient } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, submitStaffLogin } from './support/browser-session.js';

// 一口管理、一口发布 at the city: a matter of the city catalogue (全市通办) is read-only at the
// districts — refused by the district center's editor, by the district hub's write rule, and by the
// halls' catalogues; shown read-only and marked 全市通办 on the editor and the public guide.
const CENTER = 'dongcheng';
const HALL = 'dongcheng/jingshan/huangchenggen';
const CITY_CODE = 'BJ-WJ-007';
const OWN_CODE = 'DC-WJ-007';
const PASSWORD = 'city-catalogue-1';
const ADMIN = { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] };

const dir = tempDir('hallnet-city-catalogue-');
const session = browserSession({ shots: 'test/screenshots' });
let city: RunningCity;
let center: Attacker;
const district = () => city.districts.get('dongcheng')!;
const catalogueAt = (org: string) => district().nodes.get(org)!.services.reference.catalogue;
const url = (org: string, path: string) => `${district().nodes.get(org)!.url}${path}`;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The city's matter re-signed by 东城's center as its own version 2: what a district must not publish. */
async function districtVersion(): Promise<Forged> {
  const held = await center.read(matterDocId(CITY_CODE));
  const { _rev, _revisions, proof, ...body } = held;
  void _rev, void _revisions, void proof;
  return firstRev(
    center.signer.prove({
      ...body,
      _id: matterVersionDocId(CITY_CODE, 2),
      version: 2,
      scope: CENTER,
      parties: [CENTER],
      author: { id: 'staff:cat.one', org: CENTER },
      at: new Date().toISOString(),
      promisedDays: 1,
    }),
  );
}

beforeAll(async () => {
  city = await startCity({
    dir: dir.path,
    districts: [{ district: 'dongcheng', nodes: [{ org: CENTER, staff: [ADMIN] }, { org: HALL }] }],
  });
  for (const org of [CENTER, HALL])
    await eventually(() => catalogueAt(org).get(CITY_CODE), 30_000, `the city catalogue at ${org}`);
  center = attackerOf(CENTER, district().nodeDir(CENTER), district().hubUrl, dir.path);
}, 120_000);

afterAll(async () => {
  await city?.close();
  dir.remove();
});

describe('the city catalogue is read-only at a district (API and write rules)', () => {
  it("the district center's editor refuses a draft under a city code with a 403 naming the field; its own matters stay editable", async () => {
    const admin = await clerkClient(url(CENTER, ''), ADMIN.account, PASSWORD);
    const matter = catalogueAt(CENTER).get(CITY_CODE)!;
    const refused = await admin.post('/api/catalogue-drafts', {
      code: CITY_CODE,
      retire: true,
      effectiveFrom: today(),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.issues[0].field).toBe('body.code');
    expect(refused.body.error.issues[0].reason).toContain('全市通办事项由市级统一管理');
    expect(matter.scope).toBe('beijing');
    const own = await admin.post('/api/catalogue-drafts', { code: OWN_CODE, retire: true, effectiveFrom: today() });
    expect(own.status).toBe(201);
  });

  it("the district hub refuses 东城's signed version of a city code; planted around it, no hall's catalogue takes it", async () => {
    const forged = await districtVersion();
    const [answer] = await center.push('bulk', [forged]);
    expect(answer!.failure?.error).toBe('forbidden');
    expect(answer!.failure?.reason).toMatch(/BJ-WJ-007 is in the city catalogue of beijing/);
    const [stored] = await district().hub!.store.openRevs(forged._id, [forged._rev], {});
    expect(stored && 'ok' in stored ? stored.ok : undefined).toBeUndefined();

    // As an old hub or a restored backup would hold it: it reaches the replicas, not the catalogues.
    expect(await district().hub!.store.bulkDocs([forged as StoredDoc], { newEdits: false })).toEqual([]);
    for (const org of [CENTER, HALL]) {
      const db = district().nodes.get(org)!.services.db;
      await eventually(
        async () => ((await db.get(forged._id, { open_revs: [forged._rev] })) as { ok?: unknown }[]).some((r) => r.ok),
        20_000,
        `the planted version at ${org}`,
      );
      expect(catalogueAt(org).version(CITY_CODE, 2), org).toBeUndefined();
      expect(catalogueAt(org).latest(CITY_CODE)?.scope, org).toBe('beijing');
    }
  });
});

describe('the city catalogue in a real Chromium', () => {
  it('the editor lists the city matters read-only, marked 全市通办, apart from the district’s own', async () => {
    const page = await session.tab();
    await page.goto(url(CENTER, '/catalogue/edit'));
    await submitStaffLogin(page, { account: ADMIN.account, password: PASSWORD });
    const list = page.locator('#cat-city-matters');
    await list.waitFor();
    expect(await page.locator('#cat-city-heading').textContent()).toBe('全市通办事项（只读）');
    const item = list.locator('li', { hasText: CITY_CODE });
    expect(await item.locator('.tag-city').textContent()).toBe('全市通办');
    // Not among the matters a draft can be made of; the district's own are.
    const choices = await page
      .locator('#cat-matter option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(choices).not.toContain(CITY_CODE);
    expect(choices).toContain(OWN_CODE);
    await session.shot(page, 'catalogue-editor-city', true);
    // Its link opens the public guide, which says who manages it.
    await item.locator('a').click();
    await page.locator('.city-matter').waitFor();
    expect(await page.locator('.city-matter').textContent()).toContain('由市政务服务管理部门统一管理、发布');
  });

  it('the public guide at a community marks the city matter 全市通办 in the list and on its page', async () => {
    const page = await session.tab();
    await page.goto(url(HALL, `/guide?q=${encodeURIComponent('特别扶助')}`));
    const city = page.locator('.result-list li', { hasText: '（全市通办）' });
    expect(await city.locator('.tag-city').textContent()).toBe('全市通办');
    const own = page.locator('.result-list li', { hasNotText: '（全市通办）' }).first();
    expect(await own.locator('.tag-city').count()).toBe(0);
    await page.goto(url(HALL, `/guide/${CITY_CODE}`));
    expect(await page.locator('.city-matter .tag-city').textContent()).toBe('全市通办');
    await session.shot(page, 'guide-city-matter', true);
  });
});
