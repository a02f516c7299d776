import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citySeedDocs } from '../../deploy/city-seed.js';
import { initCityCa, recordDistrictRoot } from '../../deploy/enroll-district-hub.js';
import { initDistrictCa } from '../../deploy/enroll.js';
import { hubConfigFromEnv } from '../../hub/hub-config.js';
import { startHub, type RunningHub } from '../../hub/start-hub.js';
import { caseDoc, withEvent } from '../../hub/testing/hub-fixtures.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession } from './support/browser-session.js';

// The city supervisor's page at the city hub (跨区通办 监督), over cases the city holds.
const XC_HALL = 'xicheng/jinrongjie/fengsheng';
const DC_DEPT = 'dongcheng/dept/police';
const PASSWORD = 'city-supervision-1';
const staff = (account: string, roles: ('supervisor' | 'clerk')[]) => ({
  account,
  name: account,
  org: 'beijing',
  roles,
  password: PASSWORD,
});

const dir = tempDir('hallnet-city-supervision-');
const session = browserSession({ shots: 'test/screenshots' });
let city: RunningHub;

beforeAll(async () => {
  const cityDir = join(dir.path, 'city');
  mkdirSync(cityDir, { recursive: true });
  const ca = initCityCa(cityDir, 'beijing', '北京市 CA');
  // The districts as the city enrolled them (`hallnet city enroll --name`): their roots and names.
  for (const [district, name] of [
    ['xicheng', '西城区'],
    ['dongcheng', '东城区'],
  ] as const) {
    const districtDir = join(dir.path, district);
    mkdirSync(districtDir, { recursive: true });
    recordDistrictRoot(cityDir, district, initDistrictCa(districtDir, district, `${district} CA`).chainPem[0]!, name);
  }
  city = await startHub(
    {
      ...hubConfigFromEnv({ HUB_DISTRICT: 'beijing', HUB_ROLE: 'city' }),
      dataDir: cityDir,
      port: 0,
      logLevel: 'silent',
    },
    {
      rootPem: ca.chainPem[0]!,
      staff: [staff('city.sup', ['supervisor']), staff('city.counter', ['clerk'])],
      seedDocs: citySeedDocs(cityDir, 'beijing', ca, new Date()),
    },
  );
  await city.ready;
}, 60_000);

/** Two cases 西城 accepted and forwarded to 东城's police, as their districts relayed them; one completed. */
async function relayCases(): Promise<void> {
  const forwarded = () => withEvent(caseDoc({ scope: XC_HALL }), XC_HALL, { kind: 'forwarded', to: DC_DEPT });
  const decided = forwarded();
  // Completed after its acceptance, not at it (that would be 即办).
  await new Promise((r) => setTimeout(r, 2));
  await city.store.bulkDocs([forwarded(), withEvent(decided, DC_DEPT, { kind: 'completed' })], { newEdits: true });
}

afterAll(async () => {
  await city?.close();
  dir.remove();
});

async function signIn(account: string) {
  const page = await session.tab();
  await page.goto(`${city.url}/city/supervision`);
  await page.fill('#city-account', account);
  await page.fill('#city-password', PASSWORD);
  await page.click('#city-login-form button[type=submit]');
  return page;
}

describe('the city supervisor’s page in a real Chromium', () => {
  it('before any case crosses districts, the supervisor is told why the table is empty', async () => {
    const page = await signIn('city.sup');
    await page.locator('#city-figures:not([hidden])').waitFor();
    expect(await page.locator('#city-rows').textContent()).toMatch(/^统计期内没有跨区办件/);
  });

  it('a city supervisor signs in and reads the figures per district by its name, as accepting and as deciding district', async () => {
    await relayCases();
    const page = await signIn('city.sup');
    const row = (district: string, role: string) =>
      page.locator(`#city-rows tr[data-district="${district}"][data-role="${role}"] td`);
    await row('xicheng', '受理地').first().waitFor();
    const cells = async (district: string, role: string) => row(district, role).allTextContents();
    // 区, 角色, 受理, 办结, 按时办结率, 即办率, 红/黄/绿/暂停, 评价数, 满意率
    expect(await cells('xicheng', '受理地')).toEqual([
      '西城区',
      '受理地',
      '2',
      '1',
      '100.0%',
      '0.0%',
      '0 / 0 / 1 / 0',
      '0',
      '—',
    ]);
    expect((await cells('dongcheng', '办理地')).slice(0, 7)).toEqual([
      '东城区',
      '办理地',
      '2',
      '1',
      '100.0%',
      '0.0%',
      '0 / 0 / 1 / 0',
    ]);
    // The slug stays at hand for an operator matching a row to a district's hub.
    expect(await row('dongcheng', '办理地').first().getAttribute('title')).toBe('dongcheng');
    expect((await cells('dongcheng', '受理地')).slice(2, 4)).toEqual(['0', '0']);
    expect(await page.locator('#city-period').textContent()).toMatch(/^统计期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}$/);
    await session.shot(page, 'city-supervision', true);
    // A period before any case: nothing accepted, the open case's light still counted now.
    await page.fill('#city-from', '2020-01-01');
    await page.fill('#city-to', '2020-01-31');
    await page.click('#city-period-form button[type=submit]');
    await eventually(async () => (await cells('xicheng', '受理地'))[2] === '0', 10_000, 'the earlier period');
    expect(await page.locator('#city-period').textContent()).toBe('统计期 2020-01-01 至 2020-01-31');
  });

  it('a city clerk who is no supervisor is refused, and told so', async () => {
    const page = await signIn('city.counter');
    await page.locator('#city-msg').waitFor();
    expect(await page.locator('#city-msg').textContent()).toMatch(/无权|not allowed/);
    expect(await page.locator('#city-figures').isHidden()).toBe(true);
  });
});
