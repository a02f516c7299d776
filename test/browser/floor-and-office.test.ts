import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { lastLoggedCode } from '../../hub/index.js';
import { clerkClient, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { residentId } from '../support/queue-fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import {
  browserSession,
  DESK,
  TV,
  PHONE,
  text,
  unlabelled,
  submitStaffLogin,
  wrappedButtons,
} from './support/browser-session.js';
import { nodeReady } from './support/node-ready.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const HEALTH = 'dongcheng/dept/health';
const CLERK = {
  account: 'clerk.hcg',
  name: '刘芳',
  password: 'clerk-hcg-pass',
  roles: ['clerk' as const, 'director' as const],
};
const DESK_OFFICER = {
  account: 'desk.dc',
  name: '陈代办',
  password: 'desk-dc-pass-1',
  roles: ['clerk' as const, 'back-office' as const],
};
const HEALTH_OFFICER = {
  account: 'health.dc',
  name: '王审批',
  password: 'health-pass-1',
  roles: ['back-office' as const],
};
const RESIDENT = { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };
const COMPANY = {
  kind: 'company',
  name: '东城小馆餐饮有限公司',
  idType: 'uscc',
  idNumber: '91350100M000100Y43',
  phone: '13700137000',
};
const RESTAURANT = 'DC-SCJG-003';
const JOBLESS = 'DC-RS-002';
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-floor-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;

async function login(page: Page, who: { account: string; password: string; name: string }): Promise<void> {
  await submitStaffLogin(page, who);
  await page.locator('#clerk-name').getByText(who.name).waitFor();
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: [DESK_OFFICER] },
      // No windows at first start (HALLNET_WINDOWS=none): the director sets them up below, and no default plan races him.
      { org: COMMUNITY, staff: [CLERK], windows: [] },
      { org: HEALTH, staff: [HEALTH_OFFICER] },
    ],
  });
  for (const node of district.nodes.values()) {
    await eventually(
      () =>
        nodeReady(node) &&
        node.services.reference.catalogue.get(RESTAURANT) &&
        node.services.reference.categories.size === 15,
      20_000,
      'keys and catalogue',
    );
  }
}, 90_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('the hall floor in a real Chromium: ticket machine, window panel, calling screen', () => {
  let clerk: Page;
  let screen: Page;
  let phone: Page;

  it("the director sets up the hall's windows, and the ticket machine offers exactly their categories", async () => {
    clerk = await tab(DESK);
    await clerk.goto(url(COMMUNITY, '/window/queue/setup'));
    await login(clerk, CLERK);
    for (const [id, name, categories] of [
      ['w1', '1号窗口', [7, 8, 15]],
      ['w2', '2号窗口', [4, 5, 6, 7]],
    ] as const) {
      await clerk.fill('#setup-id', id);
      await clerk.fill('#setup-name', name);
      for (const c of categories) await clerk.check(`#cat-${c}`);
      await clerk.click('#setup-form button[type=submit]');
      await clerk.locator('#setup-body tr', { hasText: name }).waitFor();
      expect(await wrappedButtons(clerk)).toEqual([]);
    }
    expect(await text(clerk, '#setup-body')).toContain('民政服务、残疾人服务、综合服务');
    expect(await unlabelled(clerk)).toEqual([]);
    await shot(clerk, 'window-setup', true);

    const kiosk = await tab(DESK);
    await kiosk.goto(url(COMMUNITY, '/queue/kiosk'));
    await kiosk.locator('.kiosk-cat[data-category="7"]:not([disabled])').waitFor();
    expect(await kiosk.locator('.kiosk-cat:not([disabled])').count()).toBe(6);
    expect(await kiosk.locator('.kiosk-cat[data-category="1"]').isDisabled()).toBe(true);
    expect(await text(kiosk, '#cat-wait-1')).toBe('本厅暂未开通');
    await shot(kiosk, 'kiosk-categories');
    await kiosk.close();
  });

  it('a resident takes a ticket at the kiosk by ID card on the touch keypad; his phone follows it from the QR code', async () => {
    screen = await tab(TV);
    await screen.goto(url(COMMUNITY, '/queue/screen'));
    await screen.locator('#screen-link').getByText('实时').waitFor();
    // The screen is never reloaded below: what it shows later came through its live feed.
    await screen.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

    const kiosk = await tab(DESK);
    await kiosk.goto(url(COMMUNITY, '/queue/kiosk'));
    await kiosk.click('.kiosk-cat[data-category="7"]:not([disabled])');
    await kiosk.locator('#step-who:not([hidden])').waitFor();
    expect(await text(kiosk, '#who-category')).toBe('G · 民政服务');
    for (const key of RESIDENT.idNumber) await kiosk.click(`#keypad [data-key="${key}"]`);
    expect(await kiosk.inputValue('#who-input')).toBe(RESIDENT.idNumber);
    await kiosk.fill('#who-phone', RESIDENT.phone);
    expect(await unlabelled(kiosk)).toEqual([]);
    await shot(kiosk, 'kiosk-who');
    await kiosk.click('#who-issue');
    await kiosk.locator('#step-done:not([hidden])').waitFor();
    expect(await text(kiosk, '#slip-number')).toBe('G001');
    expect(await text(kiosk, '#slip-ahead')).toBe('0');
    // Born in 1949: 65 or older, so the ticket machine put him in the priority lane unasked.
    expect(await text(kiosk, '#slip-lane')).toContain('优先号 · 老年人');
    await eventually(
      () => kiosk.$eval('#slip-qr', (img) => (img as HTMLImageElement).naturalWidth > 0),
      5000,
      'the QR code drawn',
    );
    await shot(kiosk, 'kiosk-slip');
    await kiosk.emulateMedia({ media: 'print' });
    await shot(kiosk, 'kiosk-slip-print');
    await kiosk.emulateMedia({ media: 'screen' });
    const ticketUrl = await kiosk.getAttribute('#slip-link', 'href');
    expect(ticketUrl).toMatch(/\/queue\/ticket\/\d{8}-[0-9A-Z]{10}$/);

    // A walk-in for another category; the waiting counts on the screen follow live.
    await kiosk.click('#done-finish');
    await kiosk.click('.kiosk-cat[data-category="15"]:not([disabled])');
    await kiosk.click('.kiosk-mode[data-via="walk-in"]');
    await kiosk.click('#who-issue');
    await kiosk.locator('#step-done:not([hidden])').waitFor();
    expect(await text(kiosk, '#slip-number')).toBe('O001');
    await kiosk.close();
    await screen.locator('#waiting li', { hasText: '民政服务' }).getByText('1 人').waitFor();

    phone = await tab(PHONE);
    await phone.goto(ticketUrl!);
    await phone.locator('#ticket-state').getByText('下一个就是您').waitFor();
    expect(await text(phone, '#ticket-number')).toBe('G001');
    expect(await phone.locator('main').textContent()).not.toContain(RESIDENT.idNumber);
    await shot(phone, 'ticket-waiting', true);
  });

  it('the clerk opens a window and calls: the calling screen shows the call live, the ticket page sends the resident to the window', async () => {
    await clerk.goto(url(COMMUNITY, '/window/queue'));
    await clerk.getByRole('button', { name: '开启1号窗口' }).click();
    await clerk.locator('#mine-card:not([hidden])').waitFor();
    await clerk.click('#call-next');
    await clerk.locator('#serving-number').getByText('G001').waitFor();
    expect(await text(clerk, '#serving-facts')).toContain('优先（老年人）');

    await screen.locator('#now-number').getByText('G001').waitFor({ timeout: 5000 });
    expect(await text(screen, '#now-window')).toBe('1号窗口');
    expect(await text(screen, '#recent')).toContain('G001');
    await screen.locator('#windows li', { hasText: '1号窗口' }).getByText('G001').waitFor();
    expect(await screen.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    await shot(screen, 'calling-screen');
    await screen.setViewportSize(DESK);
    await shot(screen, 'calling-screen-1366');
    await screen.setViewportSize(TV);

    await phone.locator('#ticket-state').getByText('请到 1号窗口 办理').waitFor({ timeout: 10_000 });
    await shot(phone, 'ticket-called', true);
    await shot(clerk, 'queue-panel');
  });

  it('a missed number is re-issued from the resident’s ticket page into its old place, then recalled and finished', async () => {
    await clerk.click('#act-no-show');
    await clerk.locator('#queue-msg').getByText('已记为过号').waitFor();
    // The screen stops calling a missed number at once: 1号窗口 is free, nobody is being called.
    await screen.locator('#now-window').getByText('请等候叫号').waitFor({ timeout: 5000 });
    expect(await text(screen, '#now-number')).toBe('—');
    await screen.locator('#windows li', { hasText: '1号窗口' }).getByText('空闲').waitFor();
    expect(await text(screen, '#recent')).toContain('G001');
    await phone.locator('#reissue-box:not([hidden])').waitFor({ timeout: 10_000 });
    await shot(phone, 'ticket-missed', true);
    await phone.click('#reissue-button');
    await phone.locator('#ticket-msg').getByText('补号成功').waitFor();
    // Back in line, not called: the missed call's time is not shown beside 等候中.
    await phone.locator('#ticket-facts').getByText('取号时间').waitFor();
    expect(await text(phone, '#ticket-facts')).not.toContain('叫号时间');

    await clerk.click('#call-next');
    await clerk.locator('#serving-number').getByText('G001').waitFor();
    await clerk.click('#act-recall');
    await screen.locator('#now-kind').getByText('重呼').waitFor({ timeout: 5000 });
    // 暂挂: the resident fetches a paper; the window is free; then he is called back to it.
    await clerk.click('#act-park');
    await clerk.locator('#parked li', { hasText: 'G001' }).waitFor();
    expect(await clerk.locator('#call-next').isEnabled()).toBe(true);
    await clerk.getByRole('button', { name: '恢复办理 G001' }).click();
    await clerk.locator('#serving-number').getByText('G001').waitFor();
    await screen.locator('#now-kind').getByText('请回窗口').waitFor({ timeout: 5000 });
    await clerk.click('#act-finish');
    await clerk.locator('#serving-number').getByText('—').waitFor();
    // No 评议器 is paired with 1号窗口: the panel does not claim the resident was asked to rate on one.
    expect(await text(clerk, '#queue-msg')).toBe('G001 已办结');
    // …and the screen calls nobody once the number is done.
    await screen.locator('#now-window').getByText('请等候叫号').waitFor({ timeout: 5000 });
    await phone.locator('#ticket-state').getByText('已办结').waitFor({ timeout: 10_000 });
    const stats = await district.nodes.get(COMMUNITY)!.services.queue.stats();
    expect(stats.categories.find((c) => c.category === 7)).toMatchObject({ issued: 1, finished: 1, noShows: 1 });
    await phone.close();
  });

  it('a resident with a booked appointment checks in at the kiosk with the phone he booked with', async () => {
    const desk = await clerkClient(url(COMMUNITY, ''), CLERK.account, CLERK.password);
    // A check-in counts a booking of the hall's day (Beijing): near midnight the slot stays before it.
    const toMidnight = 86_400_000 - ((Date.now() + 8 * 3_600_000) % 86_400_000);
    const slot = new Date(Date.now() + Math.min(20 * 60_000, toMidnight / 2)).toISOString();
    const booked = await desk.post('/api/queue/appointments', { category: 4, slot, phone: '13900139000' });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);

    const kiosk = await tab(DESK);
    await kiosk.goto(url(COMMUNITY, '/queue/kiosk'));
    await kiosk.click('#go-appointment');
    expect(await text(kiosk, '#cat-title')).toBe('预约签到：请选择您预约的业务');
    await kiosk.click('.kiosk-cat[data-category="4"]:not([disabled])');
    expect(await kiosk.locator('#mode-walk-in').isHidden()).toBe(true);
    await kiosk.click('.kiosk-mode[data-via="phone"]');
    for (const key of '13900139000') await kiosk.click(`#keypad [data-key="${key}"]`);
    await shot(kiosk, 'kiosk-appointment');
    await kiosk.click('#who-issue');
    await kiosk.locator('#step-done:not([hidden])').waitFor();
    expect(await text(kiosk, '#slip-number')).toBe('D001');
    expect(await text(kiosk, '#slip-lane')).toContain('预约签到成功');
    await kiosk.close();
  });
});

describe('预约办事 on the portal', () => {
  it('a resident books a bookable matter of a served category in a free slot, sees it under 我的预约, and cancels it', async () => {
    const phone = await tab(PHONE);
    await phone.goto(url(COMMUNITY, '/portal'));
    await phone.click('#tab-signup');
    await phone.fill('#su-name', '李四');
    await phone.fill('#su-id', residentId('19900307'));
    await phone.fill('#su-phone', '13600136000');
    await phone.fill('#su-password', 'resident-pass-2');
    // The phone is proven by the code sent to it: the hub's SMS log stands in for his phone.
    await phone.click('#su-send-code');
    await phone.locator('#auth-msg').getByText('验证码已发送至 136****6000').waitFor();
    await phone.fill('#su-code', (await lastLoggedCode(join(dir.path, 'hub', 'sms.log'), '13600136000'))!);
    await phone.click('#panel-signup button[type=submit]');
    await phone.locator('#hello').getByText('李四，您好').waitFor();
    expect(await text(phone, '#book-hall')).toContain('皇城根社区服务站');
    // Only the categories the hall's windows serve (set up above: 4, 5, 6, 7, 8, 15).
    expect(await phone.locator('#book-category option').allTextContents()).toEqual([
      '社会保险',
      '医疗保障',
      '就业创业与人力资源',
      '民政服务',
      '残疾人服务',
      '综合服务',
    ]);
    // 社会保险 has no matter residents may book here: the page says so and offers no booking.
    await phone.locator('#book-msg').getByText('都不接受预约').waitFor();
    expect(await phone.locator('#book-button').isDisabled()).toBe(true);
    await phone.selectOption('#book-category', '8');
    await phone.locator('#book-matter option', { hasText: '残疾人证核发' }).waitFor({ state: 'attached' });
    expect(await phone.locator('#book-matter option').allTextContents()).toEqual([
      '残疾人证核发',
      '残疾人证换领、补领',
    ]);
    // The first date offered is today until its last slot starts (16:30 Beijing): after 16:00 it has
    // one slot. The second is a whole working day at any hour.
    const dates = await phone
      .locator('#book-date option')
      .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    await phone.selectOption('#book-date', dates[1]!);
    // One window (w1) serves 残疾人服务: two places a slot.
    const first = phone.locator('#book-slot-list label').first();
    expect(await first.textContent()).toMatch(/^\d{2}:\d{2} 余 2$/);
    expect(await unlabelled(phone)).toEqual([]);
    await first.locator('input').check();
    await phone.click('#book-button');
    await phone.locator('#book-msg').getByText('预约成功').waitFor();
    // The page reloads the slots and stays on the day chosen.
    expect(await phone.locator('#book-date').inputValue()).toBe(dates[1]);
    expect(await phone.locator('#book-slot-list label').first().textContent()).toMatch(/余 1$/);
    const mine = phone.locator('#my-appointments li');
    expect(await mine.count()).toBe(1);
    expect(await mine.textContent()).toMatch(/残疾人证核发.*已预约.*预约号 \d{8}-[0-9A-Z]{10}/);
    await shot(phone, 'portal-booking', true);
    // Booking the same category that day again is refused in plain words.
    await phone.locator('#book-slot-list label').nth(1).locator('input').check();
    await phone.click('#book-button');
    await phone.locator('#book-msg').getByText('您当天已预约该类业务').waitFor();
    await mine.getByRole('button', { name: /取消 .* 的预约/ }).click();
    await phone.locator('#book-msg').getByText('已取消预约').waitFor();
    expect(await mine.textContent()).toContain('已取消');
    expect(await phone.locator('#book-slot-list label').first().textContent()).toMatch(/余 2$/);
    await phone.close();
  });
});

describe('forwarding and parallel approval through the inbox pages (后台分类审批)', () => {
  let caseId = '';
  let queryCode = '';
  let community: Client;

  it('the community clerk forwards a staged case to the district center from its case page', async () => {
    community = await clerkClient(url(COMMUNITY, ''), CLERK.account, CLERK.password);
    const matter = district.nodes.get(COMMUNITY)!.services.reference.catalogue.get(RESTAURANT)!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const accepted = await community.post('/api/cases', { matterCode: RESTAURANT, applicant: COMPANY, received });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    caseId = accepted.body.id;
    queryCode = accepted.body.queryCode;

    const page = await tab(DESK);
    await page.goto(url(COMMUNITY, `/window/cases/${caseId}`));
    await login(page, CLERK);
    await page.locator('#forward-card:not([hidden])').waitFor();
    const targets = await page.locator('#forward-to option').allTextContents();
    expect(targets).toContain('东城区政务服务中心');
    expect(targets).not.toContain('北京市公安局东城分局（部门）');
    expect(await text(page, '#stages-view')).toContain('第 1 阶段：现场核查未启动');
    expect(await text(page, '#stages-title')).toBe('并联审批');
    await page.selectOption('#forward-to', CENTER);
    await page.fill('#forward-note', '餐饮开办，材料齐全，请启动并联审批');
    await shot(page, 'case-forward', true);
    await page.click('#forward-button');
    await page.locator('#case-msg').getByText('已转报至 东城区政务服务中心').waitFor();
    await page.locator('#forward-card[hidden]').waitFor({ state: 'attached' });
    expect(await text(page, '#holder-line')).toBe('当前：在 东城区政务服务中心 办理');
    await page.close();
  });

  it('the coordination desk at the district center finds it in its inbox and starts the first stage', async () => {
    const page = await tab(DESK);
    await page.goto(url(CENTER, '/office'));
    await login(page, DESK_OFFICER);
    const row = page.locator('#held-body tr', { hasText: queryCode.slice(0, 4) });
    await row.waitFor({ timeout: 25_000 });
    expect(await row.textContent()).toContain('餐饮开办，材料齐全，请启动并联审批');
    expect(await row.textContent()).toContain('皇城根社区服务站');
    await shot(page, 'office-inbox-center');
    await row.getByRole('link').click();
    await page.locator('#case-view:not([hidden])').waitFor();
    await page.locator('#stage-start-box:not([hidden])').waitFor();
    expect(await text(page, '#stage-next')).toContain('现场核查');
    expect(await page.locator('#decision-card').isHidden()).toBe(true);
    await page.click('#stage-start');
    await page.locator('#case-msg').getByText('已启动审批阶段').waitFor();
    const stage = await text(page, '#stages-view');
    expect(stage).toContain('第 1 阶段：现场核查审批中');
    expect(stage).toMatch(/东城区卫生健康委员会待审批/);
    expect(await page.locator('#stage-start-box').isHidden()).toBe(true);
    await shot(page, 'office-case-center', true);
    await page.close();
  });

  it('the health department approves its own stage task from its inbox page', async () => {
    const page = await tab(DESK);
    await page.goto(url(HEALTH, '/office'));
    await login(page, HEALTH_OFFICER);
    const row = page.locator('#tasks-body tr', { hasText: queryCode.slice(0, 4) });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('第 1 阶段：现场核查');
    await shot(page, 'office-inbox-department');
    await row.getByRole('link').click();
    await page.locator('#decision-card:not([hidden])').waitFor();
    expect(await text(page, '#decision-stage')).toContain('东城区卫生健康委员会');
    // Refusing without a reason is stopped in the page, before anything is sent.
    await page.click('#decline-button');
    await page.locator('#case-msg').getByText('不予通过须写明原因').waitFor();
    await page.fill('#decision-text', '卫生条件合格');
    expect(await unlabelled(page)).toEqual([]);
    await page.click('#approve-button');
    await page.locator('#case-msg').getByText('已审批通过').waitFor();
    expect(await page.locator('#decision-card').isHidden()).toBe(true);
    expect(await text(page, '.task-mine')).toContain('已通过');
    expect(await text(page, '.task-mine')).toContain('卫生条件合格');
    await shot(page, 'office-case-department', true);
    // A back office has no window: its 叫号面板 says so, and asks the queue API nothing it would refuse.
    const refused: string[] = [];
    page.on('response', (r) => r.status() === 403 && refused.push(r.url()));
    await page.goto(url(HEALTH, '/window/queue'));
    expect(await text(page, '#no-floor-note')).toContain('不设受理窗口，也不叫号');
    expect(refused).toEqual([]);
    // …and shows none of the floor's cards, which would stand empty under the note.
    for (const title of ['过号补号', '各窗口', '今日排队'])
      expect(await page.getByRole('heading', { name: title }).isVisible()).toBe(false);
    await page.close();

    await eventually(
      () =>
        district.nodes
          .get(CENTER)!
          .services.index.get(caseId)
          ?.stages[0]?.tasks.find((t) => t.department === HEALTH)?.status === 'approved',
      20_000,
      'the approval at the district center',
    );
    expect(district.nodes.get(CENTER)!.services.index.get(caseId)?.status).toBe('processing');
  });

  it('the desk returns the case for a material; the community window takes the make-up; the desk carries on and extends', async () => {
    const desk = await tab(DESK);
    await desk.goto(url(CENTER, `/office/cases/${caseId}`));
    await login(desk, DESK_OFFICER);
    await desk.locator('#return-card:not([hidden])').waitFor();
    expect(await desk.locator('#return-to option').allTextContents()).toEqual(['皇城根社区服务站']);
    await desk.getByLabel('从业人员健康证明').check();
    await desk.fill('#return-note', '请补交全部从业人员的健康证明');
    await desk.click('#return-button');
    await desk.locator('#case-msg').getByText('已退回补正').waitFor();
    expect(await text(desk, '#holder-line')).toContain('退回 皇城根社区服务站 补正材料');
    expect(await desk.locator('#extend-card').isHidden()).toBe(true);

    const window = await tab(DESK);
    await window.goto(url(COMMUNITY, `/window/cases/${caseId}`));
    await login(window, CLERK);
    await window.locator('#supplement-card:not([hidden])').waitFor({ timeout: 20_000 });
    expect(await text(window, '#supplement-note')).toContain('请补交全部从业人员的健康证明');
    await window.click('#supplement-button');
    await window.locator('#case-msg').getByText('还缺：从业人员健康证明').waitFor();
    await window.check('#sup-health-certificates');
    await shot(window, 'case-supplement', true);
    await window.click('#supplement-button');
    await window.locator('#case-msg').getByText('已登记补正材料').waitFor();
    expect(await text(window, '#holder-line')).toBe('当前：补正材料已收齐，由 东城区政务服务中心 继续办理');
    expect(await window.locator('#forward-card').isHidden()).toBe(true);
    await window.close();

    await desk.goto(url(CENTER, '/office'));
    const row = desk.locator('#held-body tr', { hasText: '补正材料已收齐，请继续办理' });
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('link').click();
    await desk.locator('#extend-card:not([hidden])').waitFor();
    await desk.fill('#extend-days', '5');
    await desk.fill('#extend-reason', '需组织现场复核');
    await desk.click('#extend-button');
    await desk.locator('#case-msg').getByText('已延长 5 个工作日').waitFor();
    expect(await text(desk, '#case-facts')).toContain('5 个工作日：需组织现场复核');
    expect(await text(desk, '#case-facts')).toMatch(/暂停计时\d+ 个工作日（补正）|延长时限/);
    await shot(desk, 'office-case-made-up', true);
    await desk.close();
  });
});

describe('a forwarded case the street office refuses from 后台审批', () => {
  it('its long 转报说明 is two lines in the inbox, the holder may 退件 with a reason, and the closed case shows no empty 办理进度', async () => {
    const community = await clerkClient(url(COMMUNITY, ''), CLERK.account, CLERK.password);
    const accepted = await community.post('/api/cases', {
      matterCode: 'DC-MZ-005',
      applicant: { kind: 'person', idType: 'resident-id', ...RESIDENT },
      received: ['id-card', 'social-security-card'],
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const note = `户籍存疑，${'请核对申请人户籍迁入时间与居住情况；'.repeat(30)}`.slice(0, 500);
    const sent = await community.post(`/api/cases/${accepted.body.id}/events`, { kind: 'forwarded', to: CENTER, note });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    const desk = await tab(DESK);
    await desk.goto(url(CENTER, '/office'));
    await login(desk, DESK_OFFICER);
    const row = desk.locator('#held-body tr', { hasText: accepted.body.queryCode.slice(0, 4) });
    await row.waitFor({ timeout: 25_000 });
    // Two lines of the note, not 500 characters: the row stays a row; 展开 shows the rest.
    expect((await row.boundingBox())!.height).toBeLessThan(150);
    await shot(desk, 'office-inbox-long-note');
    await row.getByRole('button', { name: '展开' }).click();
    expect((await row.boundingBox())!.height).toBeGreaterThan(300);
    await row.getByRole('link').click();
    await desk.locator('#case-view:not([hidden])').waitFor();
    const forwarded = desk.locator('#case-timeline .event-forwarded');
    expect((await forwarded.boundingBox())!.height).toBeLessThan(160);
    expect(await text(desk, '#case-facts')).toContain(note);

    // 退件 is the holder's: offered here, with the window's rule that a reason is written.
    await desk.locator('#close-card:not([hidden])').waitFor();
    await desk.click('#reject-button');
    await desk.locator('#case-msg').getByText('退件须写明原因').waitFor();
    await desk.fill('#close-reason', '申请人户籍不在本区，不属本区受理范围');
    desk.once('dialog', (d) => void d.accept());
    await desk.click('#reject-button');
    await desk.locator('#case-msg').getByText('已记录：不予受理/退件').waitFor();
    expect(await text(desk, '#case-facts')).toContain('不属本区受理范围');
    expect(await desk.locator('#close-card').isHidden()).toBe(true);
    expect(await desk.getByRole('heading', { name: '办理进度' }).isVisible()).toBe(false);
    await shot(desk, 'office-case-refused', true);
    await desk.close();
  });
});

describe('统一窗口出件 on the window case page', () => {
  it('a completed case goes to a locker with its pick-up code, and is picked up', async () => {
    const community = await clerkClient(url(COMMUNITY, ''), CLERK.account, CLERK.password);
    const matter = district.nodes.get(COMMUNITY)!.services.reference.catalogue.get(JOBLESS)!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const accepted = await community.post('/api/cases', {
      matterCode: JOBLESS,
      applicant: { kind: 'person', idType: 'resident-id', ...RESIDENT },
      received,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.status).toBe('completed');

    const page = await tab(DESK);
    await page.goto(url(COMMUNITY, `/window/cases/${accepted.body.id}`));
    await login(page, CLERK);
    await page.locator('#delivery-card:not([hidden])').waitFor();
    expect(await page.locator('#forward-card').isHidden()).toBe(true);
    await page.check('input[name=delivery-method][value=locker]');
    await page.click('#delivery-button');
    await page.locator('#case-msg').getByText('已出件：智能柜自取').waitFor();
    // 1号窗口 is open but no 评议器 is paired: nothing was sent to one, and the card says what happens instead.
    await page.locator('#rating-offer-body').getByText('1号窗口尚未配对评议器').waitFor();
    expect(await text(page, '#rating-offer-body')).toContain('办事人将在办结后收到短信评价链接');
    expect(await page.locator('#rating-offer-msg').isHidden()).toBe(true);
    const code = await text(page, '#locker-code');
    expect(code).toMatch(/^\d{6}$/);
    await shot(page, 'case-delivery', true);
    await page.click('#picked-up-button');
    await page.locator('#case-msg').getByText('已登记领取').waitFor();
    expect(await text(page, '#delivery-facts')).toMatch(/已于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2} 领取/);
    expect(await page.locator('#picked-up-button').isHidden()).toBe(true);
    const stored = district.nodes.get(COMMUNITY)!.services.index.get(accepted.body.id)!;
    expect(stored.delivery).toMatchObject({ method: 'locker', lockerCode: code });
    expect(stored.pickedUpAt).toBeTruthy();
    await page.close();
  });
});
