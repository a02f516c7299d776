import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { APPLICANT } from '../support/fixtures.js';
import { clerkClient, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { futureMonday } from '../support/future-monday.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, TV, TABLET, PHONE, submitStaffLogin, text } from './support/browser-session.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const PASSWORD = 'pages-pass-123';
const CLERK = {
  account: 'clerk.hcg',
  name: '刘芳',
  password: PASSWORD,
  roles: ['clerk' as const, 'director' as const],
};
const SUPERVISOR = { account: 'jiancha', name: '区效能监察', password: PASSWORD, roles: ['supervisor' as const] };
const ADMIN = { account: 'admin', name: '区管理员', password: PASSWORD, roles: ['admin' as const] };
const DIRECTOR = { account: 'zhuren', name: '中心主任', password: PASSWORD, roles: ['director' as const] };
const SHOTS = 'test/screenshots';

// A Monday morning after the real time (certificates are issued at the real time); the test moves the district's clock.
let now = futureMonday();
const dir = tempDir('hallnet-supervision-pages-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;
const clerk = (): Promise<Client> => clerkClient(district.nodes.get(COMMUNITY)!.url, CLERK.account, PASSWORD);
let caseId = '';
let promisedBy = '';

async function acceptCase(): Promise<{ id: string; promisedBy: string }> {
  const node = district.nodes.get(COMMUNITY)!;
  const matter = node.services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const res = await (await clerk()).post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    clock: () => now,
    nodes: [
      { org: CENTER, staff: [SUPERVISOR, ADMIN, DIRECTOR] },
      { org: COMMUNITY, staff: [CLERK] },
    ],
  });
  for (const node of district.nodes.values()) {
    await eventually(
      () => node.services.reference.catalogue.size > 40 && node.services.reference.calendar,
      20_000,
      'catalogue',
    );
  }
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('ratings and supervision pages in a real Chromium', () => {
  it('the big-screen board turns a case yellow when its deadline nears, by the clock alone, then red', async () => {
    ({ id: caseId, promisedBy } = await acceptCase());
    const board = await tab(TV);
    await board.goto(url(COMMUNITY, '/board'));
    await board.locator('#board-link').getByText('实时').waitFor();
    expect(await board.locator('#board-empty').isVisible()).toBe(true);
    expect(await board.locator(`tr[data-id="${caseId}"]`).count()).toBe(0);

    now = new Date(Date.parse(promisedBy) - 20 * 3600_000);
    const row = board.locator(`tr[data-id="${caseId}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute('data-light')).toBe('yellow');
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('黄灯');
    expect(text).toContain('残疾人证核发');
    expect(text).toMatch(/剩余 20 小时 0 分/);
    expect(text).not.toContain(APPLICANT.name);
    expect(await board.locator('#count-yellow').textContent()).toBe('1');
    // Legible from across the hall: the rows' text is large on a 1920 screen.
    const size = await row
      .locator('td')
      .nth(1)
      .evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
    expect(size).toBeGreaterThanOrEqual(30);
    await shot(board, 'board-yellow');

    now = new Date(Date.parse(promisedBy) + 2 * 3600_000);
    await board.locator(`tr[data-id="${caseId}"][data-light="red"]`).waitFor({ timeout: 15_000 });
    expect(await board.locator('#count-red').textContent()).toBe('1');
    await shot(board, 'board-red');
    await board.close();
  });

  it('the resident rates the completed case on the window’s rating device, which never shows the level chosen', async () => {
    const c = await clerk();
    expect((await c.post(`/api/cases/${caseId}/events`, { kind: 'completed', result: '已核发' })).status).toBe(201);
    expect((await c.put('/api/queue/windows/w3', { name: '3号窗口', categories: [1, 2] })).status).toBe(200);
    expect((await c.post('/api/queue/windows/w3/open')).status).toBe(200);
    const device = await tab(TABLET);
    await device.goto(url(COMMUNITY, '/rate/window/w3'));
    // Not paired yet: the tablet asks for the code the clerk gets on his queue panel.
    await device.locator('#device-pair:not([hidden])').waitFor();
    await shot(device, 'rating-device-pairing');
    const panel = await tab(DESK);
    await panel.goto(url(COMMUNITY, '/window/queue'));
    await panel.fill('#clerk-account', CLERK.account);
    await panel.fill('#clerk-password', PASSWORD);
    await panel.click('#clerk-login-form button[type=submit]');
    await panel.click('#pair-device');
    const said = await panel.locator('#pair-device-code').getByText('配对码').textContent();
    const code = /配对码 (\d{6})/.exec(said ?? '')![1]!;
    expect(said).toContain('（10 分钟内有效）');
    await device.fill('#pair-code', code === '000000' ? '000001' : '000000');
    await device.click('#pair-form button[type=submit]');
    await device.locator('#pair-msg').getByText('配对码错误或已过期').waitFor();
    // Said once, in Chinese punctuation: the reason restates the message and goes on.
    expect(await device.locator('#pair-msg').textContent()).toBe('配对码错误或已过期，请工作人员重新获取');
    await device.fill('#pair-code', code);
    await device.click('#pair-form button[type=submit]');
    await device.locator('#device-link').getByText('评议器已就绪').waitFor();
    await shot(device, 'rating-device-idle');
    // The code is spent: it leaves the clerk's panel, which says the tablet is paired, until his next step.
    await panel.locator('#pair-device-code').getByText('评议器已配对').waitFor();
    expect(await text(panel, '#pair-device-code')).not.toContain(code);
    await panel.click('#call-next');
    await panel.locator('#queue-msg').getByText('暂无等候本窗口的号').waitFor();
    await panel.locator('#pair-device-code').waitFor({ state: 'hidden' });
    await panel.close();

    // The clerk asks from the case page; the device at his window offers the rating.
    const desk = await tab(DESK);
    await desk.goto(url(COMMUNITY, `/window/cases/${caseId}`));
    await desk.fill('#clerk-account', CLERK.account);
    await desk.fill('#clerk-password', PASSWORD);
    await desk.click('#clerk-login-form button[type=submit]');
    await desk.getByRole('button', { name: '在3号窗口评议器上邀请评价' }).click();
    await desk.locator('#rating-offer-msg').getByText('已发送到3号窗口评议器').waitFor();
    await device.locator('#device-ask:not([hidden])').waitFor();
    expect(await device.locator('#ask-subject').textContent()).toBe('办理事项：残疾人证核发');
    expect(await device.locator('#rating-submit').isDisabled()).toBe(true);
    // Five big targets a finger hits on a tablet.
    const box = await device.locator('label[for="level-satisfied"] .rating-tile').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(120);
    await device.locator('label[for="level-satisfied"]').click();
    await device.fill('#rating-comment', '办事很快，态度很好');
    await shot(device, 'rating-device');
    await device.click('#rating-submit');
    await device.locator('#device-thanks:not([hidden])').waitFor();
    // Only the thanks are on screen, and they name no level (textContent reads hidden panels too: ask which show).
    for (const panel of ['#device-pair', '#device-idle', '#device-ask'])
      expect(await device.locator(panel).isHidden(), panel).toBe(true);
    const shown = await device.locator('#device-thanks').textContent();
    expect(shown).toContain('感谢您的评价');
    expect(shown).not.toMatch(/满意/);
    await shot(device, 'rating-device-thanks');
    // The clerk's page says nothing of the rating, and asking again is refused.
    await desk.getByRole('button', { name: '在3号窗口评议器上邀请评价' }).click();
    await desk.locator('#rating-offer-msg').getByText('已经评价过').waitFor();
    expect(await desk.locator('main').textContent()).not.toContain('办事很快');
    await desk.close();
    const rating = district.nodes.get(COMMUNITY)!.services.supervision.ratingIndex.get(`rating:case:${caseId}`);
    expect(rating).toMatchObject({ level: 'satisfied', comment: '办事很快，态度很好', channel: 'device' });
    await device.close();
  });

  it('the SMS link opens the rating page on the resident’s phone; the link rates once', async () => {
    const second = await acceptCase();
    expect((await (await clerk()).post(`/api/cases/${second.id}/events`, { kind: 'completed' })).status).toBe(201);
    now = new Date(now.getTime() + 2 * 3600_000);
    const node = district.nodes.get(COMMUNITY)!;
    await node.services.supervision.keeper.runOnce();
    const notice = await node.services.db.get<{ params: { link: string } }>(`notice:${second.id}:rating-invite`);
    const phone = await tab(PHONE);
    await phone.goto(notice.params.link);
    await phone.locator('#link-card:not([hidden])').waitFor();
    expect(await phone.locator('#link-title').textContent()).toBe('残疾人证核发');
    await phone.locator('label[for="level-very-dissatisfied"]').click();
    await phone.fill('#rating-comment', '材料清单写得不清楚');
    await shot(phone, 'rating-link', true);
    await phone.click('#rating-submit');
    await phone.locator('#link-done:not([hidden])').waitFor();
    await phone.reload();
    await phone.locator('#link-msg').getByText('您已评价过').waitFor();
    await phone.close();
  });

  it('the supervision dashboard at the district center shows the figures, server-drawn charts, the lights and single ratings', async () => {
    const centerNode = district.nodes.get(CENTER)!;
    await eventually(() => centerNode.services.supervision.ratingIndex.size >= 2, 15_000, 'ratings at the center');
    const page = await tab(DESK);
    await page.goto(url(CENTER, '/supervision'));
    await page.fill('#clerk-account', SUPERVISOR.account);
    await page.fill('#clerk-password', PASSWORD);
    await page.click('#clerk-login-form button[type=submit]');
    await page.locator('#chart-score svg').waitFor();
    await page.locator('#chart-daily svg').waitFor();
    expect(await page.locator('#chart-score svg title').first().textContent()).toContain('综合考评得分');
    const rows = await page.locator('#sv-rows tr').allTextContents();
    expect(rows.some((r) => r.includes('皇城根社区服务站'))).toBe(true);
    expect(rows.at(-1)).toMatch(/^合计2/);
    const ratings = page.locator('#sv-ratings tr');
    await ratings.first().waitFor();
    const ratingText = (await page.locator('#sv-ratings').textContent()) ?? '';
    expect(ratingText).toContain('材料清单写得不清楚');
    expect(ratingText).toContain('待回访');
    const download = page.waitForEvent('download');
    await page.click('#sv-csv');
    expect((await download).suggestedFilename()).toMatch(/^figures-node-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    await shot(page, 'supervision', true);

    await page.locator('.sv-answer input').first().fill('已电话回访，清单已改写');
    await page.locator('.sv-answer button').first().click();
    await page.locator('#sv-ratings').getByText('已回访').waitFor();
    await page.close();
  });

  it('the district admin gets the figures with rating figures withheld and the settings, and no section he has no right to', async () => {
    const page = await tab(DESK);
    await page.goto(url(CENTER, '/supervision'));
    await page.fill('#clerk-account', ADMIN.account);
    await page.fill('#clerk-password', PASSWORD);
    await page.click('#clerk-login-form button[type=submit]');
    await page.locator('#chart-score svg').waitFor();
    await page.locator('#sv-msg').getByText('评价类指标').waitFor();
    expect(await page.locator('#sv-msg').textContent()).not.toContain('无权');
    expect(await page.locator('#sv-totals').textContent()).toContain('样本不足');
    for (const title of ['#lights-title', '#ratings-title']) await page.locator(title).waitFor({ state: 'hidden' });
    expect(await page.locator('#set-rating-days').isEditable()).toBe(true);
    await shot(page, 'supervision-admin', true);
    await page.close();
  });

  it('the center’s director sees the settings read-only without 发布 (the API refuses him 403), and no 补打 of a community’s notice', async () => {
    const director = await clerkClient(district.nodes.get(CENTER)!.url, DIRECTOR.account, PASSWORD);
    const current = (await director.get('/api/supervision/settings')).body.settings;
    const refused = await director.put('/api/supervision/settings', current);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ERR_FORBIDDEN']);
    const page = await tab(DESK);
    await page.goto(url(CENTER, '/supervision'));
    await submitStaffLogin(page, DIRECTOR);
    await page.locator('#chart-score svg').waitFor();
    await page.locator('#sv-settings-by').getByText('设置由区管理员或督查室发布').waitFor();
    expect(await page.locator('#set-rating-days').isEditable()).toBe(false);
    expect(await page.locator('#sv-settings button[type=submit]').isVisible()).toBe(false);

    // A case the community accepted, open at the center: its notice is the community's to reprint.
    const { id } = await acceptCase();
    await eventually(() => district.nodes.get(CENTER)!.services.index.get(id), 15_000, 'the case at the center');
    await page.goto(url(CENTER, `/window/cases/${id}`));
    await page.locator('#case-view:not([hidden])').waitFor();
    expect(await page.locator('#case-notice').isVisible()).toBe(false);
    await page.goto(url(CENTER, `/window/notice/${id}`));
    await page.locator('#notice-msg').getByText('受理通知书请到皇城根社区服务站补打').waitFor();
    expect(await page.locator('#notice').isVisible()).toBe(false);
    const community = await tab(DESK);
    await community.goto(url(COMMUNITY, `/window/cases/${id}`));
    await submitStaffLogin(community, CLERK);
    await community.locator('#case-view:not([hidden])').waitFor();
    expect(await community.locator('#case-notice').isVisible()).toBe(true);
    await page.close();
    await community.close();
  });

  it('the district center’s dashboard shows the writes the hub refused per hall; a community’s has no such section', async () => {
    // A public document only the district may write, put straight into the community's replica: its live sync pushes it.
    const forged = 'matter:forged-at-community';
    await district.nodes.get(COMMUNITY)!.services.db.put({
      _id: forged,
      type: 'matter',
      scope: COMMUNITY,
      parties: [COMMUNITY],
      author: { id: `staff:${CLERK.account}`, org: COMMUNITY },
      at: now.toISOString(),
      name: '伪造事项',
    });
    const supervisor = await clerkClient(district.nodes.get(CENTER)!.url, SUPERVISOR.account, PASSWORD);
    await eventually(
      async () =>
        (await supervisor.get('/api/supervision/refusals')).body.nodes?.some((n: { recent: { id: string }[] }) =>
          n.recent.some((r) => r.id === forged),
        ),
      20_000,
      'the refusal report at the center',
    );

    const page = await tab(DESK);
    await page.goto(url(CENTER, '/supervision'));
    await page.fill('#clerk-account', SUPERVISOR.account);
    await page.fill('#clerk-password', PASSWORD);
    await page.click('#clerk-login-form button[type=submit]');
    const row = page.locator('#sv-refusals tr', { hasText: '皇城根社区服务站' });
    await row.waitFor();
    // Within the last 24 hours, as in total: this one and any the suite's other steps caused.
    const [lastDay, total] = await row.locator('td.num').allTextContents();
    expect(Number(lastDay)).toBeGreaterThanOrEqual(1);
    expect(lastDay).toBe(total);
    expect(await row.textContent()).toContain(forged);
    // The hub's reason in Chinese, its English words in the tooltip.
    expect(await row.textContent()).toContain('事项被区级平台拒收');
    expect(await page.locator('#sv-refusals-as-of').textContent()).toMatch(/^统计截至 /);
    await page.locator('#refusals-title').scrollIntoViewIfNeeded();
    await shot(page, 'supervision-refusals');

    await page.goto(url(COMMUNITY, '/supervision'));
    await page.locator('#sv-filter').waitFor({ state: 'attached' });
    expect(await page.locator('#sv-refusals').count()).toBe(0);
    await page.close();
  });

  it('the director and the supervision office watch the floor on the queue panel: no 开启 they may not press, no 403', async () => {
    for (const [who, reissues] of [
      [DIRECTOR, true],
      [SUPERVISOR, false],
    ] as const) {
      const refused: string[] = [];
      const page = await tab(DESK);
      page.on('response', (r) => r.status() === 403 && refused.push(r.url()));
      await page.goto(url(CENTER, '/window/queue'));
      await submitStaffLogin(page, who);
      await page.locator('#queue-msg').getByText('开启窗口和叫号须使用窗口人员账号').waitFor();
      await page.getByRole('heading', { name: '各窗口' }).waitFor();
      expect(await page.locator('#open-card').isVisible()).toBe(false);
      // Re-issuing a missed number is the director's too, not the supervision office's.
      expect(await page.getByRole('heading', { name: '过号补号' }).isVisible()).toBe(reissues);
      expect(refused).toEqual([]);
      await page.close();
    }
  });
});
