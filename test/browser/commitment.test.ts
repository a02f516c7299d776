import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { clerkClient } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { acceptApplication, scan } from '../support/online-application.js';
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
import { nodeReady } from './support/node-ready.js';

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
// The resident's online application, accepted by the clerk: its commitment then waits for its check.
let applied = '';

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER, staff: [CLERK] }] });
  const node = district.nodes.get(CENTER)!;
  await eventually(
    () => nodeReady(node) && node.services.reference.catalogue.get('DC-MZ-001'),
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
    applied = held.id;
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

  it('the guide marks the material 可告知承诺 with its check; a matter without one says 不适用', async () => {
    const page = await tab(DESK);
    const base = district.nodes.get(CENTER)!.url;
    await page.goto(`${base}/guide/DC-MZ-001`);
    const row = page.locator('#g-materials ~ * tr', { hasText: '家庭成员收入证明' });
    expect(await row.locator('.tag-commitment').textContent()).toBe('可告知承诺');
    expect(await page.locator('#g-materials ~ * .tag-commitment').count()).toBe(1);
    expect(await text(page, 'section[aria-labelledby="g-basics"]')).toContain(
      '告知承诺可以：家庭成员收入证明 可由申请人签署告知承诺书代替，受理后 15 个工作日内核查；承诺不实的，撤销办理结果',
    );
    await shot(page, 'guide-commitment', true);
    await page.goto(`${base}/guide/DC-CL-001`);
    expect(await text(page, 'section[aria-labelledby="g-basics"]')).toContain('告知承诺不适用');
    expect(await page.locator('.tag-commitment').count()).toBe(0);
    await page.close();
  });

  it('核查: the resident sees what he committed and the check deadline; the clerk records it untrue; he sees the result revoked', async () => {
    const node = district.nodes.get(CENTER)!;
    expect(applied).not.toBe('');
    const clerk = await clerkClient(node.url, CLERK.account, CLERK.password);
    expect((await acceptApplication(clerk, applied)).status).toBe(201);
    const checkBy = node.services.index.get(applied)!.checkBy!;
    const phone = await tab(PHONE);
    await phone.goto(`${node.url}/portal`);
    await phone.fill('#login-id', WANG.phone);
    await phone.fill('#login-password', WANG.password);
    await phone.click('#panel-login button[type=submit]');
    await phone.locator('#hello').waitFor();
    await phone.goto(`${node.url}/portal/cases/${encodeURIComponent(applied)}`);
    await phone.locator('#commit-card:not([hidden])').waitFor();
    const facts = await text(phone, '#commit-facts');
    expect(facts).toMatch(/家庭成员收入证明以告知承诺代替（王五 于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}(:\d{2})? 签署）/);
    expect(facts).toContain(`核查期限${checkBy.slice(0, 4)}/`);
    expect(facts).toContain('前由办理部门核查');
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'portal-case-commitment', true);

    const desk = await tab(DESK);
    await desk.goto(`${node.url}/office`);
    await submitStaffLogin(desk, CLERK);
    await desk.click('a[href="/office/commitments"]');
    await desk.waitForURL(/\/office\/commitments$/);
    const row = desk.locator(`tr[data-case="${applied}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('家庭成员收入证明');
    expect(await row.textContent()).toContain('王五');
    expect(await unlabelled(desk)).toEqual([]);
    await row.locator('select').selectOption('false');
    await row.locator('input[name="note"]').fill('有工资收入未申报');
    desk.once('dialog', (d) => void d.accept());
    await row.locator('button[type=submit]').click();
    await desk.locator('#check-msg.message-ok').waitFor();
    expect(await text(desk, '#check-msg')).toContain('承诺不实，办理结果已撤销');
    await row.waitFor({ state: 'detached' });
    await shot(desk, 'commitments-checked', true);
    // Back to the inbox in one click, as from a case the office decides.
    await desk.getByRole('link', { name: '← 返回后台审批' }).click();
    await desk.waitForURL(/\/office$/);

    await phone.reload();
    await phone.locator('#commit-card:not([hidden])').waitFor();
    expect(await text(phone, '#commit-facts')).toContain('经核查，承诺与实际不符，办理结果已撤销');
    expect(await text(phone, '#case-facts')).toContain('告知承诺经核查不实：有工资收入未申报');
    // Closed, the case is with no office any more: the page names none as handling it.
    expect(await text(phone, '#case-facts')).not.toContain('当前办理机构');
    await phone.close();
    await desk.close();
  });
});
