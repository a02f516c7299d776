import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { lastLoggedCode } from '../../hub/index.js';
import { client } from '../support/client.js';
import { APPLICANT } from '../support/fixtures.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, overflow, PHONE, text, unlabelled, wrappedButtons } from './support/browser-session.js';
import { nodeReady } from './support/node-ready.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const CLERK = {
  account: 'clerk.hcg',
  name: '刘芳',
  password: 'clerk-hcg-pass',
  roles: ['clerk' as const, 'director' as const],
};
const RESIDENT = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', password: 'resident-pass-1' };
// A clerk with a district account, who checks residents' ID cards in person (实名核验).
const COUNTER_CLERK = {
  account: 'counter',
  name: '核验员',
  org: COMMUNITY,
  roles: ['clerk' as const],
  password: 'counter-pass-1',
};
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-pages-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let district: RunningDistrict;
let clerk: Page;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [CENTER, COMMUNITY].map((org) => ({ org, ...(org === COMMUNITY ? { staff: [CLERK] } : {}) })),
    identityStaff: [COUNTER_CLERK],
  });
  for (const node of district.nodes.values()) {
    await eventually(
      () => nodeReady(node) && node.services.reference.catalogue.size > 40,
      20_000,
      'keys and catalogue',
    );
  }
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('the pages in a real Chromium', () => {
  let queryCode = '';
  let caseId = '';

  it('a clerk logs in at a community window and accepts a case with one secondary material missing (容缺), then sees the notice with its query code', async () => {
    clerk = await tab(DESK);
    await clerk.goto(url(COMMUNITY, '/window'));
    await clerk.fill('#clerk-account', CLERK.account);
    await clerk.fill('#clerk-password', CLERK.password);
    await clerk.click('#clerk-login-form button[type=submit]');
    await clerk.locator('#clerk-name').getByText(CLERK.name).waitFor();

    // Every matter's 选择 stays on one line beside its name and tags.
    await clerk.locator('#matter-results button[data-code="DC-MZ-001"]').waitFor();
    expect(await wrappedButtons(clerk)).toEqual([]);
    await clerk.fill('#matter-q', '最低生活保障');
    await clerk.click('#matter-search button[type=submit]');
    await clerk.click('#matter-results button[data-code="DC-MZ-001"]');
    await clerk.fill('#ap-name', RESIDENT.name);
    await clerk.fill('#ap-phone', RESIDENT.phone);
    await clerk.fill('#ap-idnumber', RESIDENT.idNumber);
    // Every required material, none of the secondary ones: the checklist announces 容缺受理.
    for (const box of await clerk.locator('#checklist input[data-necessity="required"]').all()) await box.check();
    expect(await text(clerk, '#checklist-summary')).toContain('将按容缺受理：缺少 家庭成员收入证明');
    expect(await clerk.locator('#accept-button').isEnabled()).toBe(true);
    // A wrong company code is told what a company code is, not of a birth date it does not have.
    await clerk.selectOption('#ap-idtype', 'uscc');
    await clerk.fill('#ap-idnumber', '91350100M000100Y44');
    await clerk.click('#accept-button');
    const wrong = await text(clerk, '#ap-idnumber-error');
    expect(wrong).toContain('不含 I、O、S、V、Z');
    expect(wrong).not.toContain('出生日期');
    await clerk.selectOption('#ap-idtype', 'resident-id');
    await clerk.fill('#ap-idnumber', RESIDENT.idNumber);
    expect(await unlabelled(clerk)).toEqual([]);
    await clerk.evaluate(() => window.scrollTo(0, 0));
    await shot(clerk, 'window-accept');

    await clerk.click('#accept-button');
    // The notice page, or the window's alert saying why not: a refusal fails here by its words.
    const refused = clerk.locator('#accept-msg[role=alert]:not([hidden])');
    const outcome = await Promise.race([
      clerk.waitForURL(/\/window\/notice\//).then(
        () => 'accepted',
        () => 'no notice page',
      ),
      refused.waitFor().then(
        async () => `refused: ${await refused.textContent()}`,
        () => 'no notice page',
      ),
    ]);
    expect(outcome).toBe('accepted');
    await clerk.locator('#notice:not([hidden])').waitFor();
    caseId = decodeURIComponent(new URL(clerk.url()).pathname.split('/').pop()!);
    const grouped = await text(clerk, '#notice-code');
    queryCode = grouped.replace(/\s/g, '');
    expect(grouped).toMatch(/^[0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{3}$/);
    const table = await text(clerk, '#notice-table');
    expect(table).toContain('容缺材料家庭成员收入证明');
    expect(table).toMatch(/补正期限\d{4}\/\d{2}\/\d{2}/);
    expect(table).toMatch(/承诺办结时间\d{4}\/\d{2}\/\d{2}/);
    // One date style on the whole notice, and the code once (grouped), not again as an ungrouped 编号.
    const notice = await text(clerk, '#notice');
    expect(notice).not.toMatch(/\d+年\d+月\d+日/);
    expect(notice).toMatch(/承诺于 \d{4}\/\d{2}\/\d{2} 前办结/);
    expect(notice.split(queryCode)).toHaveLength(1);
    expect(notice.split(grouped)).toHaveLength(2);
    await shot(clerk, 'notice', true);
    await clerk.emulateMedia({ media: 'print' });
    await shot(clerk, 'notice-print', true);
    await clerk.emulateMedia({ media: 'screen' });
    expect(await clerk.locator('#print-notice').isVisible()).toBe(true);
    // With no notice of this hall's to show, the page offers no printing of one.
    await clerk.goto(url(COMMUNITY, '/window/notice/no-such-case'));
    await clerk.locator('#notice-msg:not([hidden])').waitFor();
    expect(await clerk.locator('#print-notice').isVisible()).toBe(false);
    await clerk.goBack();

    const stored = district.nodes.get(COMMUNITY)!.services.index.get(caseId)!;
    expect(stored).toMatchObject({
      queryCode,
      status: 'processing',
      outstanding: ['income-proof'],
      applicant: { idNumber: RESIDENT.idNumber },
    });
  });

  it('the case list shows the case with its light, and the case page its timeline', async () => {
    await clerk.goto(url(COMMUNITY, '/window/cases'));
    const row = clerk.locator('#cases-body tr', { hasText: queryCode });
    await row.waitFor();
    expect(await row.textContent()).toContain('正常');
    await shot(clerk, 'case-list');
    await row.getByRole('link', { name: queryCode }).click();
    await clerk.locator('#case-view:not([hidden])').waitFor();
    expect(await text(clerk, '#case-timeline')).toContain('容缺：家庭成员收入证明');
    await shot(clerk, 'case', true);
    // …and back to the list in one click, as from every other detail page.
    await clerk.getByRole('link', { name: '← 返回办件管理' }).click();
    await clerk.waitForURL(/\/window\/cases$/);
  });

  it('the resident signs up and logs in on the portal (phone) and finds the case and its timeline at the district center after sync', async () => {
    const phone = await tab(PHONE);
    await phone.goto(url(CENTER, '/portal'));
    await phone.click('#tab-signup');
    await phone.fill('#su-name', RESIDENT.name);
    await phone.fill('#su-phone', RESIDENT.phone);
    // A wrong ID number and a short password are named under their fields before any code is sent.
    await phone.fill('#su-id', '110101');
    await phone.fill('#su-password', '123');
    await phone.click('#su-send-code');
    await phone.locator('#auth-msg').getByText('请更正标红的字段：身份证号码、密码', { exact: true }).waitFor();
    expect(await phone.locator('#panel-signup .field-error').allTextContents()).toEqual([
      '身份证号码：无效，请核对（18 位，出生日期和末位校验码须正确）',
      '密码：至少 8 个字符',
    ]);
    expect(await lastLoggedCode(join(dir.path, 'hub', 'sms.log'), RESIDENT.phone)).toBeUndefined();
    await phone.fill('#su-id', RESIDENT.idNumber);
    await phone.fill('#su-password', RESIDENT.password);
    expect(await phone.locator('#panel-signup .field-error').count()).toBe(0);
    // The phone is proven by the code sent to it: the hub's SMS log stands in for his phone.
    await phone.click('#su-send-code');
    await phone.locator('#auth-msg').getByText('验证码已发送至 138****8000').waitFor();
    await phone.fill('#su-code', (await lastLoggedCode(join(dir.path, 'hub', 'sms.log'), RESIDENT.phone))!);
    await phone.click('#panel-signup button[type=submit]');
    await phone.locator('#hello').getByText(`${RESIDENT.name}，您好`).waitFor();
    // Log out and in again: the login is the district's, relayed by the node to identity.
    await phone.click('#resident-logout');
    // Until a clerk has seen the ID card, a resident sees only the cases he submitted himself.
    const relay = client(url(COMMUNITY, ''));
    const counter = await relay.post('/identity/login', {
      kind: 'staff',
      login: COUNTER_CLERK.account,
      password: COUNTER_CLERK.password,
    });
    const verified = await relay
      .withToken(counter.body.accessToken)
      .post('/identity/residents/verify', { idNumber: RESIDENT.idNumber, name: RESIDENT.name, phone: RESIDENT.phone });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    await phone.fill('#login-id', RESIDENT.idNumber);
    await phone.fill('#login-password', RESIDENT.password);
    await phone.click('#panel-login button[type=submit]');
    await phone.locator('#hello').waitFor();

    const card = phone.locator('#my-cases .case-card', { hasText: queryCode });
    await eventually(
      async () => {
        if (await card.count()) return true;
        await phone.reload();
        await phone.locator('#my-cases > *').first().waitFor();
        return (await card.count()) > 0;
      },
      20_000,
      'the case at the district center',
    );
    await shot(phone, 'portal', true);
    await card.click();
    await phone.locator('#case-progress:not([hidden])').waitFor();
    const timeline = await text(phone, '#case-timeline');
    expect(timeline).toContain('受理');
    expect(timeline).toContain('家庭成员收入证明');
    expect(await text(phone, '#asked-list')).toMatch(
      /容缺材料：家庭成员收入证明，请于 \d{4}年\d{1,2}月\d{1,2}日 前到皇城根社区服务站补齐/,
    );
    await shot(phone, 'portal-case', true);
    await phone.close();
  });

  it('public tracking by query code shows the status and nothing personal', async () => {
    const page = await tab(DESK);
    await page.goto(url(COMMUNITY, '/track'));
    // A code too short, then one with a character wrong: each says what is wrong with it.
    await page.fill('#track-code', queryCode.slice(0, 9));
    await page.click('#track-form button[type=submit]');
    await page.locator('#track-msg').getByText('查询码为 11 位数字或字母（见受理通知书），您输入的是 9 位').waitFor();
    const typo = `${queryCode.slice(0, 3)}${queryCode[3] === '7' ? '8' : '7'}${queryCode.slice(4)}`;
    await page.fill('#track-code', typo);
    await page.click('#track-form button[type=submit]');
    await page.locator('#track-msg').getByText('最后一位校验码与前 10 位对不上').waitFor();
    await page.fill('#track-code', queryCode.toLowerCase().replace(/(.{4})/g, '$1 '));
    await page.click('#track-form button[type=submit]');
    await page.locator('#track-result:not([hidden])').waitFor();
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).toContain('最低生活保障审核确认');
    expect(shown).toContain('办理中');
    expect(shown).toContain('待补材料1 件');
    for (const secret of [RESIDENT.name, RESIDENT.idNumber, RESIDENT.phone, CLERK.name, '收入证明'])
      expect(shown).not.toContain(secret);
    expect(await text(page, '#track-facts')).toContain('当前办理机构皇城根社区服务站');
    await shot(page, 'track');

    // A case completed at once (即办件) is with no office any more: the one that completed it is named as such.
    const node = district.nodes.get(COMMUNITY)!;
    const instant = node.services.reference.catalogue
      .search({ level: 6 })
      .find((m) => m.instant && m.serves.includes('person'))!;
    const login = await client(node.url).post('/api/auth/staff-login', {
      account: CLERK.account,
      password: CLERK.password,
    });
    const done = await client(node.url, login.body.token).post('/api/cases', {
      matterCode: instant.code,
      applicant: APPLICANT,
      received: instant.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id),
    });
    expect(done.body.status, JSON.stringify(done.body)).toBe('completed');
    await page.fill('#track-code', done.body.queryCode);
    await page.click('#track-form button[type=submit]');
    await page.locator('#track-title').getByText(instant.name).waitFor();
    const facts = await text(page, '#track-facts');
    expect(facts).toContain('办结机构皇城根社区服务站');
    expect(facts).not.toContain('当前办理机构');
    await page.close();
  });

  it('a resident following a stale SMS link or slip lands on a phone page with his own navigation, not the staff menu', async () => {
    const phone = await tab(PHONE);
    for (const [path, said] of [
      ['/rate/no-such-token', '评价链接无效'],
      ['/queue/ticket/no-such-ticket', '没有这个排队号'],
      ['/licences/verify/NO-SUCH', '证照编号无效'],
    ] as const) {
      const res = await phone.goto(url(COMMUNITY, path));
      expect(res?.status()).toBe(404);
      await phone.locator('main').getByText(said).waitFor();
      expect(await phone.locator('nav a').allTextContents()).toEqual(['我的', '办事指南', '办件查询']);
      expect(await overflow(phone)).toBeLessThanOrEqual(0);
    }
    await phone.close();
  });

  it('the guide shows a matter in full, on the window screen and on a phone', async () => {
    const page = await tab(DESK);
    await page.goto(url(COMMUNITY, '/guide?q=低保'));
    expect(await unlabelled(page)).toEqual([]);
    await shot(page, 'guide-list');
    await page.getByRole('link', { name: '最低生活保障审核确认' }).click();
    const materials = (await page.locator('table').textContent()) ?? '';
    expect(materials).toMatch(/家庭成员收入证明次要（可容缺）\s*可告知承诺1 份0 份/);
    expect(await page.locator('main').textContent()).toContain('承诺办结时限20 个工作日');
    await shot(page, 'guide', true);
    await page.setViewportSize(PHONE);
    await shot(page, 'guide-phone');
    await page.close();
  });

  it('the status page shows the node connected, then offline with the banner on every page once the hub stops', async () => {
    await clerk.goto(url(COMMUNITY, '/status'));
    await clerk.locator('#st-connection').getByText('已连接').waitFor({ timeout: 15_000 });
    expect(await text(clerk, '#st-cert')).toContain('CN=皇城根社区服务站');
    expect(await clerk.locator('#link-banner').isVisible()).toBe(false);
    await shot(clerk, 'status');

    await district.stopHub();
    await clerk.locator('#st-connection').getByText('离线').waitFor({ timeout: 20_000 });
    await clerk.locator('#link-banner').getByText('连接已中断').waitFor({ timeout: 10_000 });
    expect(await text(clerk, '#st-connection-detail')).toMatch(/^自 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 起离线$/);
    // The link's error in Chinese; the words of the failure itself are the cell's tooltip (and in the node's log).
    await clerk.locator('#st-sync').getByText('无法连接区级平台').waitFor({ timeout: 10_000 });
    await shot(clerk, 'status-offline');
    // An address that is no page: a Chinese 404 that marks no menu entry as the current page.
    const missing = await clerk.goto(url(COMMUNITY, '/no-such-page'));
    expect(missing?.status()).toBe(404);
    expect(await text(clerk, 'main')).toContain('没有这个页面');
    expect(await clerk.locator('.site-nav [aria-current]').count()).toBe(0);

    // Offline, the station keeps working: its case list answers from the local replica.
    await clerk.goto(url(COMMUNITY, '/window/cases'));
    await clerk.locator('#cases-body tr', { hasText: queryCode }).waitFor();
    expect(await clerk.locator('#link-banner').isVisible()).toBe(true);
    await shot(clerk, 'case-list-offline');

    // …and the clerk takes the made-up material and completes the case, offline.
    await clerk.locator('#cases-body').getByRole('link', { name: queryCode }).click();
    await clerk.getByRole('button', { name: '已收到：家庭成员收入证明' }).click();
    await clerk.locator('#complete-card:not([hidden])').waitFor();
    await clerk.fill('#complete-result', '审核确认，自次月起发放');
    await clerk.click('#complete-form button[type=submit]');
    await clerk.locator('#case-facts').getByText('已办结').waitFor();
    const steps = await clerk.locator('#case-timeline li').allTextContents();
    expect(steps.map((s) => s.match(/受理|收到补正材料|办结/)?.[0])).toEqual(['受理', '收到补正材料', '办结']);
    expect(district.nodes.get(COMMUNITY)!.services.index.get(caseId)).toMatchObject({
      status: 'completed',
      outstanding: [],
    });
    await shot(clerk, 'case-completed-offline', true);
  });
});
