import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { eventually } from '../support/eventually.js';
import { scan } from '../support/online-application.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { tempDir } from '../support/temp-dir.js';
import {
  browserSession,
  DESK,
  overflow,
  PHONE,
  submitStaffLogin,
  text,
  unlabelled,
} from './support/browser-session.js';

// 告知承诺 at the window: the clerk ticks the applicant's signed commitment instead of the income proof.
const CENTER = 'dongcheng';
const CLERK = { account: 'clerk', name: '刘芳', password: 'commitment-pass-1', roles: ['clerk' as const] };
const RESIDENT = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
// Online, another resident: his application is his only case of the matter.
const WANG = { name: '王五', idNumber: '11010119580312004X', phone: '13700137000', password: 'resident-pass-1' };
const file = (name: string) => ({ name, mimeType: 'image/png', buffer: Buffer.from(scan(name)) });

const dir = tempDir('hallnet-commitment-page-');
const { tab, shot } = browserSession({ shots: 'test/screenshots', viewport: DESK });
let district: RunningDistrict;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER, staff: [CLERK] }] });
  const node = district.nodes.get(CENTER)!;
  await eventually(
    () => node.services.reference.jwks && node.services.reference.catalogue.get('DC-MZ-001'),
    20_000,
    'keys and catalogue',
  );
  expect((await signUpResident(node.url, join(dir.path, 'hub'), WANG)).status).toBe(201);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('告知承诺 on the window page and the acceptance notice', () => {
  it('the commitment stands for the income proof: accepted without 容缺, the notice names it and the check deadline', async () => {
    const page = await tab(DESK);
    await page.goto(`${district.nodes.get(CENTER)!.url}/window`);
    await submitStaffLogin(page, CLERK);
    await page.locator('#clerk-name').getByText(CLERK.name).waitFor();
    await page.fill('#matter-q', '最低生活保障');
    await page.click('#matter-search button[type=submit]');
    await page.click('#matter-results button[data-code="DC-MZ-001"]');
    await page.fill('#ap-idnumber', RESIDENT.idNumber);
    await page.fill('#ap-name', RESIDENT.name);
    await page.fill('#ap-phone', RESIDENT.phone);
    for (const box of await page.locator('#checklist input[data-necessity="required"]').all()) await box.check();
    expect(await text(page, '#checklist-summary')).toContain('将按容缺受理：缺少 家庭成员收入证明');
    // Only the income proof offers the commitment.
    expect(await page.locator('#checklist input[id^="commit-"]').count()).toBe(1);
    await page.check('#commit-income-proof');
    expect(await text(page, '#checklist-summary')).toContain('材料齐全，可以受理');
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'window-commitment');

    await page.click('#accept-button');
    await page.waitForURL(/\/window\/notice\//);
    await page.locator('#notice:not([hidden])').waitFor();
    const table = await text(page, '#notice-table');
    expect(table).toMatch(
      /告知承诺材料家庭成员收入证明（张三 于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}(:\d{2})? 签署告知承诺书）/,
    );
    expect(table).toMatch(/承诺核查期限\d{4}\/\d{2}\/\d{2}/);
    expect(table).not.toContain('容缺材料');
    expect(table).not.toMatch(/已收材料[^告]*家庭成员收入证明/);
    await shot(page, 'notice-commitment', true);
    const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(district.nodes.get(CENTER)!.services.index.get(caseId)).toMatchObject({
      outstanding: [],
      commitments: [{ materialId: 'income-proof', signedBy: RESIDENT.name, level: 'D' }],
    });
    await page.close();
  });

  it('online the resident ticks the commitment instead of uploading the proof; it is recorded in his name', async () => {
    const phone = await tab(PHONE);
    const base = district.nodes.get(CENTER)!.url;
    await phone.goto(`${base}/portal`);
    await phone.fill('#login-id', WANG.phone);
    await phone.fill('#login-password', WANG.password);
    await phone.click('#panel-login button[type=submit]');
    await phone.locator('#hello').waitFor();
    await phone.goto(`${base}/portal/apply/DC-MZ-001`);
    expect(await phone.locator('input[id^="commit-"]').count()).toBe(1);
    expect(await text(phone, 'label[for="commit-income-proof"]')).toContain('受理后 15 个工作日内核查');
    for (const id of ['assistance-application', 'id-card', 'household-register', 'check-authorisation'])
      await phone.setInputFiles(`#file-${id}`, file(`${id}.png`));
    await phone.check('#commit-income-proof');
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    expect(await unlabelled(phone)).toEqual([]);
    await shot(phone, 'online-apply-commitment', true);
    await phone.click('#apply-button');
    await phone.locator('#apply-done:not([hidden])').waitFor();
    const code = (await text(phone, '#apply-code')).replace(/\s/g, '');
    const held = [...district.nodes.get(CENTER)!.services.index.values()].find((c) => c.queryCode === code)!;
    expect(held).toMatchObject({
      status: 'pre-review',
      commitments: [
        {
          materialId: 'income-proof',
          signedBy: WANG.name,
          level: 'D',
          recordedBy: { id: expect.stringMatching(/^resident:/), name: WANG.name },
        },
      ],
    });
    await phone.close();
  });
});
