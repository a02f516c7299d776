import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, submitStaffLogin, text } from './support/browser-session.js';

// What a newcomer meets clicking through each kind of node: a department's back office keeps no hall
// floor, 节点状态 names the organisations behind the certificate as a clerk knows them, a director or
// supervisor is not asked to log in as a window clerk, and a 综合窗口 reads as one.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const DEPT = 'dongcheng/dept/disabled';
const CLERK = { account: 'clerk.hcg', name: '刘芳', password: 'clerk-hcg-pass', roles: ['clerk' as const] };
const STREET_CLERK = { account: 'clerk.js', name: '李建国', password: 'clerk-js-pass-1', roles: ['clerk' as const] };
const DIRECTOR = { account: 'director.dc', name: '钱主任', password: 'director-pass-1', roles: ['director' as const] };
const OFFICER = { account: 'office.cdpf', name: '吴海燕', password: 'office-pass-1', roles: ['back-office' as const] };

const dir = tempDir('hallnet-newcomer-');
const { tab, shot } = browserSession({ shots: 'test/screenshots/newcomer', viewport: DESK });
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;
const menu = (page: Page) => page.locator('.site-nav a').allTextContents();
const visibleMenu = (page: Page) => page.locator('.site-nav a:visible').allTextContents();

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    // Streets before their communities: the street signs its community's certificate.
    nodes: [
      { org: CENTER, staff: [DIRECTOR] },
      { org: STREET, staff: [STREET_CLERK] },
      { org: COMMUNITY, staff: [CLERK] },
      { org: DEPT, staff: [OFFICER] },
    ],
  });
  for (const node of district.nodes.values())
    await eventually(() => node.services.reference.organisations.size > 5, 30_000, 'the organisations');
}, 120_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('each kind of node in a real Chromium', () => {
  it('a department’s back office offers no window and no queue, and says where its work is when they are opened by address', async () => {
    const page = await tab();
    await page.goto(url(DEPT, '/'));
    const items = await menu(page);
    expect(items).toContain('后台审批');
    expect(items).not.toContain('综合受理');
    expect(items).not.toContain('叫号');
    const tiles = await page.locator('.grid-tiles strong').allTextContents();
    for (const floor of ['综合受理', '叫号面板', '取号机', '叫号屏']) expect(tiles).not.toContain(floor);
    expect(await text(page, '.lead')).toMatch(/^部门后台节点/);
    expect(await text(page, '.site-footer')).toContain('东城区残疾人联合会 · 区级部门节点');
    await shot(page, 'department-home');

    for (const path of ['/window', '/window/queue']) {
      await page.goto(url(DEPT, path));
      expect(await text(page, '#no-floor-note')).toMatch(/^东城区残疾人联合会是部门后台，不设受理窗口，也不叫号/);
    }
    // Nor does its ticket machine hand out numbers nobody would call.
    for (const path of ['/queue/kiosk', '/queue/screen']) {
      await page.goto(url(DEPT, path));
      expect(await text(page, '#no-floor-note')).toMatch(/^东城区残疾人联合会是部门后台，不设取号和叫号/);
      expect(await page.locator('.kiosk-cat').count()).toBe(0);
    }
    // Nor does its guide offer to accept a matter at a window it has not.
    await page.goto(url(DEPT, '/guide/DC-MZ-001'));
    expect(await page.getByRole('link', { name: '在本窗口受理' }).count()).toBe(0);
    expect(await text(page, 'main')).toContain('本站（东城区残疾人联合会）是部门后台，不设受理窗口，请到上述地点办理');
    await page.goto(url(DEPT, '/window/queue'));
    // The note alone: no login that would lead to a panel the department has not, nor a second message.
    expect(await page.locator('#clerk-login').count()).toBe(0);
    expect(await page.locator('main .message').count()).toBe(1);
    await shot(page, 'department-queue-by-address');
    await page.locator('#no-floor-note').getByRole('link', { name: '后台审批' }).click();
    await page.waitForURL(/\/office$/);
    expect(await text(page, 'h1')).toBe('后台审批');
    await submitStaffLogin(page, OFFICER);
    await page.locator('#clerk-name').getByText(OFFICER.name).waitFor();
    // The department's own stage tasks have their place here.
    await page.locator('#tasks-card').waitFor();
    expect(await page.locator('#tasks-tile').isVisible()).toBe(true);
    await page.close();
  });

  it('事项管理 is in the district center’s menu alone; at a street its address says the center manages the catalogue', async () => {
    const page = await tab();
    await page.goto(url(CENTER, '/catalogue/edit'));
    expect(await menu(page)).toContain('事项管理');
    expect(await text(page, '.site-nav a[aria-current="page"]')).toBe('事项管理');
    expect(await page.locator('#clerk-login').isVisible()).toBe(true);
    await shot(page, 'center-catalogue-menu');

    await page.goto(url(STREET, '/'));
    expect(await menu(page)).not.toContain('事项管理');
    await page.goto(url(STREET, '/catalogue/edit'));
    expect(await text(page, '#cat-at-center-only')).toMatch(
      /^事项目录由东城区政务服务中心统一管理、统一发布（一口管理、一口发布），景山街道办事处只读/,
    );
    expect(await page.locator('#clerk-login').count()).toBe(0);
    await shot(page, 'street-catalogue-by-address');
    await page.close();
  });

  it('a community station offers its window and queue, with no such note; its guide shows the staff menu and 在本窗口受理 to a signed-in clerk alone', async () => {
    const page = await tab();
    await page.goto(url(COMMUNITY, '/window'));
    expect(await menu(page)).toEqual(expect.arrayContaining(['综合受理', '叫号', '后台审批']));
    expect(await page.locator('#no-floor-note').count()).toBe(0);
    expect(await text(page, '.site-footer')).toContain('皇城根社区服务站 · 社区节点');
    // The guide is anyone's: opened by its address, it shows a visitor no staff menu and no window to accept at.
    for (const path of ['/guide', '/guide/DC-MZ-001']) {
      await page.goto(url(COMMUNITY, path));
      expect(await visibleMenu(page)).toEqual(['首页', '办事指南', '办件查询', '居民服务']);
    }
    expect(await page.getByRole('link', { name: '在本窗口受理' }).isVisible()).toBe(false);
    await shot(page, 'guide-anonymous');
    // A clerk signed in in the tab gets both.
    await page.goto(url(COMMUNITY, '/window'));
    await submitStaffLogin(page, CLERK);
    await page.locator('#clerk-bar').waitFor();
    await page.goto(url(COMMUNITY, '/guide/DC-MZ-001'));
    expect(await visibleMenu(page)).toEqual(expect.arrayContaining(['综合受理', '叫号', '后台审批', '人员管理']));
    await page.getByRole('link', { name: '在本窗口受理' }).click();
    await page.waitForURL(/\/window\?matter=DC-MZ-001$/);
    expect(await text(page, '.brand-title')).toBe('东城区政务服务');
    await page.close();
  });

  it('节点状态 names the certificate’s holder and issuer as a clerk knows them, the technical subject folded away for an operator', async () => {
    const page = await tab();
    await page.goto(url(COMMUNITY, '/status'));
    await submitStaffLogin(page, CLERK);
    await page.locator('#st-cert dd').first().waitFor();
    const cert = page.locator('#st-cert');
    expect(await cert.locator('dt').first().textContent()).toBe('持证单位');
    expect(await cert.locator('dd').first().textContent()).toBe('皇城根社区服务站（社区节点）');
    expect(await cert.locator('dd').nth(1).textContent()).toBe('景山街道办事处（街道节点）');
    expect(await page.locator('#st-sync dd').first().textContent()).toBe('皇城根社区服务站（社区节点）');
    // The subject is there for an operator, one click away; a clerk does not see it.
    const technical = page.locator('#st-cert-technical');
    expect(await technical.getByText(/CN=皇城根社区服务站/).isVisible()).toBe(false);
    await technical.locator('summary').click();
    expect(await technical.getByText('CN=皇城根社区服务站, OU=dongcheng/jingshan/huangchenggen').isVisible()).toBe(
      true,
    );
    expect(await technical.getByText(COMMUNITY, { exact: true }).isVisible()).toBe(true);
    // The page's refresh (every 3 s) draws the card again, and leaves the operator's details open.
    await technical.evaluate((el) => {
      el.dataset.before = 'refresh';
    });
    await page.locator('#st-cert-technical:not([data-before])').waitFor({ timeout: 10_000 });
    expect(await technical.getAttribute('open')).toBe('');
    await shot(page, 'status-names', true);

    // At the street, the certificate's issuer is the district's root CA: named as such.
    await page.goto(url(STREET, '/status'));
    await submitStaffLogin(page, STREET_CLERK);
    await page.locator('#st-cert dd').nth(1).waitFor();
    expect(await cert.locator('dd').first().textContent()).toBe('景山街道办事处（街道节点）');
    expect(await cert.locator('dd').nth(1).textContent()).toMatch(/（区级根证书）$/);
    await page.close();
  });

  it('only the window’s own pages ask for a window clerk: the director’s and the operator’s pages ask for staff', async () => {
    const page = await tab();
    for (const [path, title] of [
      ['/window', '窗口人员登录'],
      ['/window/queue', '窗口人员登录'],
      ['/status', '工作人员登录'],
      ['/supervision', '工作人员登录'],
      ['/window/queue/setup', '工作人员登录'],
    ] as const) {
      await page.goto(url(CENTER, path));
      await page.locator('#clerk-login:not([hidden])').waitFor();
      expect(`${path} ${await text(page, '#clerk-login-title')}`).toBe(`${path} ${title}`);
    }
    await page.close();
  });

  it('a community’s 后台审批 shows what was forwarded to it, and no department’s stage tasks it never has', async () => {
    const page = await tab();
    await page.goto(url(COMMUNITY, '/office'));
    await submitStaffLogin(page, CLERK);
    await page.locator('#held-title').waitFor();
    await page.locator('#office-name').getByText('本机构：皇城根社区服务站').waitFor();
    expect(await page.locator('#tasks-card').isVisible()).toBe(false);
    expect(await page.locator('#tasks-tile').isVisible()).toBe(false);
    expect(await page.locator('#count-held').isVisible()).toBe(true);
    await shot(page, 'community-office');
    await page.close();
  });

  it('the director’s window setup and queue panel read a window serving every category as one 综合窗口', async () => {
    const page = await tab();
    await page.goto(url(CENTER, '/window/queue/setup'));
    await submitStaffLogin(page, DIRECTOR);
    await page.locator('#setup-body tr').first().waitFor();
    const served = await page.locator('#setup-body tr td:nth-child(3)').allTextContents();
    expect(served.length).toBeGreaterThan(0);
    for (const s of served) expect(s).toBe('全部 15 类（综合窗口）');
    await shot(page, 'window-setup', true);
    // …and so does the queue panel, in its list of the hall's windows.
    await page.goto(url(CENTER, '/window/queue'));
    await page.locator('#windows-body tr').first().waitFor();
    for (const s of await page.locator('#windows-body tr td:nth-child(2)').allTextContents())
      expect(s).toBe('全部 15 类（综合窗口）');
    await page.close();
  });

  it('the director’s dashboard over a period with no case says so where the charts would stand empty', async () => {
    const page = await tab();
    await page.goto(url(CENTER, '/supervision'));
    await submitStaffLogin(page, DIRECTOR);
    await page.locator('#chart-score .chart-empty').waitFor();
    expect(await text(page, '#chart-score')).toBe('统计期内没有办件，暂无综合得分。');
    expect(await text(page, '#chart-rates')).toBe('统计期内没有办件，暂无各组比率。');
    // The daily chart still draws the period's days, at nought.
    await page.locator('#chart-daily svg').waitFor();
    await shot(page, 'supervision-no-case', true);
    await page.close();
  });
});
