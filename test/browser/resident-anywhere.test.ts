import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { lastLoggedCode } from '../../hub/index.js';
import { client, clerkClient, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, PHONE, overflow } from './support/browser-session.js';
import { nodeReady } from './support/node-ready.js';

// 全网通办 on a resident's phone (issue 14): /track and /portal at a hall that does not hold the
// case, the 退回补正 state, and the same pages with the hub gone.
const CENTER = 'dongcheng';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/donghuamen/nanchizi';
const CLERK = {
  account: 'clerk',
  name: '刘芳',
  password: 'clerk-pass-123',
  roles: ['clerk' as const, 'director' as const],
};
const COUNTER = {
  account: 'counter',
  name: '核验员',
  org: CENTER,
  roles: ['clerk' as const],
  password: 'counter-pass-1',
};
const ZHANG = {
  name: APPLICANT.name,
  idNumber: APPLICANT.idNumber,
  phone: APPLICANT.phone,
  password: 'zhang-pass-123',
};
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-phone-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: PHONE });
let district: RunningDistrict;
const clerks = new Map<string, Client>();
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;
let atA: { id: string; queryCode: string };
let atB: { id: string; queryCode: string };

async function accept(org: string, applicant = APPLICANT) {
  const matter = district.nodes.get(org)!.services.reference.catalogue.get('DC-CL-001')!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const res = await clerks.get(org)!.post('/api/cases', { matterCode: matter.code, applicant, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, queryCode: res.body.queryCode as string };
}

async function logIn(page: Page, org: string, who: { phone: string; password: string }): Promise<void> {
  await page.goto(url(org, '/portal'));
  await page.fill('#login-id', who.phone);
  await page.fill('#login-password', who.password);
  await page.click('#panel-login button[type=submit]');
  await page.locator('#hello').waitFor();
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [CENTER, A, B].map((org) => ({ org, staff: [CLERK] })),
    identityStaff: [COUNTER],
  });
  for (const [org, node] of district.nodes) {
    await eventually(
      () => nodeReady(node) && node.services.reference.catalogue.size > 40,
      30_000,
      `keys and catalogue at ${org}`,
    );
    clerks.set(org, await clerkClient(node.url, CLERK.account, CLERK.password));
  }
  atA = await accept(A);
  atB = await accept(B);
  // B sends his case up to the center, which returns it for a new photo (退回补正).
  expect(
    (await clerks.get(B)!.post(`/api/cases/${atB.id}/events`, { kind: 'forwarded', to: CENTER, note: '请区中心审核' }))
      .status,
  ).toBe(201);
  await eventually(
    () => district.nodes.get(CENTER)!.services.index.get(atB.id)?.holder === CENTER,
    20_000,
    'forward at the center',
  );
  const returned = await clerks
    .get(CENTER)!
    .post(`/api/cases/${atB.id}/events`, { kind: 'returned', to: B, note: '照片背景不是白色', materials: ['photo'] });
  expect(returned.status, JSON.stringify(returned.body)).toBe(201);
}, 120_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('a resident on his phone at any hall', () => {
  it('signs up with the code sent to his phone and is told where and with what to get verified', async () => {
    const page = await tab();
    await page.goto(url(A, '/portal'));
    await page.click('#tab-signup');
    await page.fill('#su-name', ZHANG.name);
    await page.fill('#su-id', ZHANG.idNumber);
    await page.fill('#su-phone', ZHANG.phone);
    await page.fill('#su-password', ZHANG.password);
    await page.click('#su-send-code');
    await page.locator('#auth-msg').getByText('验证码已发送').waitFor();
    expect(await page.locator('#su-send-code').isDisabled()).toBe(true);
    await page.fill('#su-code', (await lastLoggedCode(join(dir.path, 'hub', 'sms.log'), ZHANG.phone))!);
    await page.click('#panel-signup button[type=submit]');
    await page.locator('#verify-card:not([hidden])').waitFor();
    const card = (await page.locator('#verify-card').textContent()) ?? '';
    expect(card).toContain('皇城根社区服务站');
    expect(card).toContain('东城区政务服务中心');
    expect(card).toContain('本人居民身份证原件');
    expect(await page.locator('#my-cases').textContent()).toContain('暂无办件');
    expect(await overflow(page)).toBe(0);
    await shot(page, 'portal-phone-unverified', true);
    await page.close();
    // A clerk sees his ID card at a window.
    const counter = await client(url(CENTER, '')).post('/identity/login', {
      kind: 'staff',
      login: COUNTER.account,
      password: COUNTER.password,
    });
    const verified = await client(url(CENTER, ''), counter.body.accessToken).post('/identity/residents/verify', {
      idNumber: ZHANG.idNumber,
      name: ZHANG.name,
      phone: ZHANG.phone,
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  });

  it('sees at community A his case of community B returned for a photo: 退回补正, the office, the material and where to bring it', async () => {
    const page = await tab();
    await logIn(page, A, ZHANG);
    const card = page.locator('#my-cases .case-card', { hasText: atB.queryCode });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('退回补正');
    expect(text).toContain('当前办理：南池子社区服务站');
    expect(text).toContain('退回补正：请到南池子社区服务站补交 近期2寸白底免冠彩色照片');
    expect(text).not.toContain('正常');
    expect(await page.locator('#my-cases .case-card').count()).toBe(2);
    expect(await page.locator('#verify-card').isVisible()).toBe(false);
    expect(await overflow(page)).toBe(0);
    await shot(page, 'portal-phone-district', true);
    await card.click();
    await page.locator('#case-asked:not([hidden])').waitFor();
    expect(await page.locator('#asked-list').textContent()).toContain('照片背景不是白色');
    expect(await page.locator('#case-facts').textContent()).toContain('当前办理机构南池子社区服务站');
    expect(await page.locator('#case-source').textContent()).toContain('经区中心查询');
    expect(await page.locator('#case-timeline').textContent()).toContain('退回补正');
    expect(await overflow(page)).toBe(0);
    await shot(page, 'portal-phone-returned-case', true);
    await page.close();
  });

  it('tracks at community A a code of community B on /track, in either layout, without sideways scrolling', async () => {
    const page = await tab();
    for (const path of [`/track?from=portal&code=${atB.queryCode}`, `/track?code=${atB.queryCode.toLowerCase()}`]) {
      await page.goto(url(A, path));
      await page.locator('#track-result:not([hidden])').waitFor();
      const shown = (await page.locator('main').textContent()) ?? '';
      expect(shown).toContain('残疾人证核发');
      expect(shown).toContain('退回补正');
      expect(shown).toContain('当前办理机构南池子社区服务站');
      for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, CLERK.name, '照片背景'])
        expect(shown).not.toContain(secret);
      expect(await page.locator('#track-offline').isVisible()).toBe(false);
      expect(await overflow(page)).toBe(0);
    }
    await shot(page, 'track-phone', true);
    await page.close();
  });

  it("with the hub gone, shows the hall's own cases marked as such, and tracking says it reaches this hall only", async () => {
    // Logged in while the hub was there (the login is the district's); his token verifies offline at the hall.
    const page = await tab();
    await logIn(page, A, ZHANG);
    await district.stopHub();
    await page.reload();
    await page.locator('#my-cases-reach').getByText('本站暂时无法连接区中心，仅显示本站办件').waitFor();
    const cards = page.locator('#my-cases .case-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('本站办件');
    expect(await cards.first().textContent()).toContain(atA.queryCode);
    expect(await overflow(page)).toBe(0);
    await shot(page, 'portal-phone-offline', true);

    await page.goto(url(A, `/track?from=portal&code=${atB.queryCode}`));
    await page.locator('#track-offline').getByText('本站暂时无法连接区中心，仅能查询本站办件').waitFor();
    expect(await page.locator('#track-result').isVisible()).toBe(false);
    expect(await overflow(page)).toBe(0);
    await shot(page, 'track-phone-offline', true);
    // What the hall holds is still answered.
    await page.fill('#track-code', atA.queryCode);
    await page.click('#track-form button[type=submit]');
    await page.locator('#track-result:not([hidden])').waitFor();
    expect(await page.locator('#track-facts').textContent()).toContain('皇城根社区服务站');
    await page.close();
  });
});
