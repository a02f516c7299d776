import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startDemo, type RunningDemo } from '../../deploy/demo.js';
import { eventually } from '../support/eventually.js';
import { futureMonday } from '../support/future-monday.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, submitStaffLogin, TV, text } from './support/browser-session.js';

// The district center's director (中心主任) goes through his morning in the demo district by
// clicking only: the board, the district's figures per hall (queue included) and per department,
// the lights, an overdue case followed down to its hall, and ratings only as groups.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const OTHER = 'dongcheng/donghuamen/nanchizi';
const SHOTS = 'test/screenshots/director';
const DIRECTOR = { account: 'director.center', name: '钱主任', password: DEMO_PASSWORD };
const COMMUNITY_CLERK = { account: 'clerk.hcg', name: '刘芳', password: DEMO_PASSWORD };

// The district's clock starts on a Monday 09:00 in Beijing after the real time and runs on.
const base = futureMonday().getTime() - 60 * 60_000;
const started = Date.now();
const clock = () => new Date(base + (Date.now() - started));

const STEP_MS = 90_000;
const dir = tempDir('hallnet-director-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let demo: RunningDemo;
const url = (org: string, path: string) => `${demo.district.nodes.get(org)!.url}${path}`;

/** Opens a page and logs in on its login form as a member of staff. */
async function openAs(org: string, path: string, person: typeof DIRECTOR): Promise<Page> {
  const page = await tab(DESK);
  await page.goto(url(org, path));
  await submitStaffLogin(page, person);
  await page.locator('#clerk-name').getByText(person.name).waitFor();
  return page;
}

/** A walk-in takes a number of 综合服务 at a hall's kiosk; answers the slip's number. */
async function walkIn(org: string): Promise<string> {
  const kiosk = await tab(DESK);
  await kiosk.goto(url(org, '/queue/kiosk'));
  await kiosk.click('.kiosk-cat[data-category="15"]:not([disabled])');
  await kiosk.click('.kiosk-mode[data-via="walk-in"]');
  await kiosk.click('#who-issue');
  await kiosk.locator('#step-done:not([hidden])').waitFor();
  const number = await text(kiosk, '#slip-number');
  await kiosk.close();
  return number;
}

beforeAll(async () => {
  demo = await startDemo({ dir: dir.path, hubPort: 0, firstNodePort: 0, clock });
  for (const org of [COMMUNITY, OTHER])
    await eventually(
      () => demo.district.nodes.get(org)!.services.queue.windows().length > 0,
      60_000,
      `the windows of ${org}`,
    );
}, 180_000);

afterAll(async () => {
  await demo?.close();
  dir.remove();
});

describe('the district center’s director’s morning, by clicking only', () => {
  it(
    'the halls open: walk-ins take numbers at 皇城根 and 南池子, and 皇城根’s clerk serves one',
    async () => {
      const number = await walkIn(COMMUNITY);
      await walkIn(OTHER);
      const panel = await openAs(COMMUNITY, '/window/queue', COMMUNITY_CLERK);
      await panel.getByRole('button', { name: '开启1号窗口' }).click();
      await panel.locator('#mine-card:not([hidden])').waitFor();
      await panel.click('#call-next');
      await panel.locator('#serving-number').getByText(number).waitFor();
      await panel.click('#act-finish');
      await panel.close();
      // Each hall publishes its day (排队日报) in the background; it reaches the center by sync.
      for (const org of [COMMUNITY, OTHER])
        await demo.district.nodes.get(org)!.services.supervision.queueSummaries.runOnce();
      const center = demo.district.nodes.get(CENTER)!.services.db;
      await eventually(
        async () =>
          (await center.allDocs({ startkey: 'queue-summary:', endkey: 'queue-summary:\uffff' })).rows.length >= 2,
        30_000,
        'the halls’ queue summaries at the center',
      );
    },
    STEP_MS,
  );

  it(
    'the board at the center shows the district’s overdue case red, with its hall',
    async () => {
      const board = await tab(TV);
      await board.goto(url(CENTER, '/board'));
      const row = board.locator('#board-rows tr', { hasText: '居住证签发' });
      await row.waitFor();
      expect(await row.textContent()).toContain('景山街道');
      expect(Number(await text(board, '#count-red'))).toBeGreaterThanOrEqual(1);
      await shot(board, 'board');
      await board.close();
    },
    STEP_MS,
  );

  it(
    'the figures per hall count every hall’s queue; per department the on-time, instant and satisfaction rates, ratings only as groups',
    async () => {
      const page = await openAs(CENTER, '/supervision', DIRECTOR);
      await page.locator('#chart-score svg').waitFor();
      // Every hall's queue reaches the district's tiles: two numbers taken, one served.
      await page.locator('#sv-totals').getByText('叫号 1 人次').waitFor();
      const rows = page.locator('#sv-rows tr');
      await rows.first().waitFor();
      const byHall = await rows.allTextContents();
      for (const hall of ['皇城根社区服务站', '景山街道']) expect(byHall.some((r) => r.includes(hall))).toBe(true);
      // Single ratings are the supervision office's: the director sees none, only the groups' rates.
      await page.locator('#ratings-title').waitFor({ state: 'hidden' });
      await shot(page, 'figures-by-hall', true);

      await page.selectOption('#sv-by', 'department');
      await page.click('#sv-filter button[type=submit]');
      await page.locator('#sv-rows tr', { hasText: '公安' }).first().waitFor();
      await page
        .locator('#chart-rates svg title', { hasText: '各部门即办率、按时办结率、满意率' })
        .waitFor({ state: 'attached' });
      const police = await page.locator('#sv-rows tr', { hasText: '公安' }).first().locator('td').allTextContents();
      // 受理, 办结, 即办率, 按时办结率, 超期, … 满意率: each a figure or a plain dash, never an English word.
      expect(police).toHaveLength(11);
      for (const cell of police) expect(cell).toMatch(/^(\d+(\.\d+)?%?|—|样本不足)$/);
      await shot(page, 'figures-by-department', true);
      await page.close();
    },
    STEP_MS,
  );

  it(
    'from the lights he follows the overdue case down to its hall and opens it',
    async () => {
      const page = await openAs(CENTER, '/supervision', DIRECTOR);
      const hall = page.locator('#sv-light-halls button', { hasText: '景山街道' });
      await hall.waitFor();
      await hall.click();
      expect(await page.locator('#sv-org').inputValue()).toBe(STREET);
      const watched = page.locator('#sv-watched li', { hasText: '居住证签发' });
      await watched.waitFor();
      // The street's subtree only, the red case first: its own overdue one, then its station's yellow one.
      const items = await page.locator('#sv-watched li').allTextContents();
      expect(items[0]).toMatch(/已超期.*居住证签发.*景山街道办事处 · 李建国 · 现在 景山街道办事处/);
      expect(items.some((x) => x.includes('南池子'))).toBe(false);
      expect(await page.locator('#sv-light-halls tr').allTextContents()).toEqual([
        '景山街道办事处001',
        '皇城根社区服务站210',
      ]);
      // The figures narrow to the street's subtree too: 南池子 (another street) leaves the table.
      await eventually(
        async () =>
          !(await text(page, '#sv-rows')).includes('南池子') && (await text(page, '#sv-rows')).includes('景山街道'),
        20_000,
        'the figures of the street alone',
      );
      await page.locator('#chart-rates svg').waitFor();
      await shot(page, 'lights-of-the-street', true);
      await watched.getByRole('link', { name: '居住证签发' }).click();
      await page.locator('#case-view:not([hidden])').waitFor();
      const view = await text(page, '#case-view');
      expect(view).toContain('居住证签发');
      expect(view).toContain('景山街道');
      expect(view).toContain('已超期');
      await shot(page, 'overdue-case', true);
      await page.close();
    },
    STEP_MS,
  );
});
