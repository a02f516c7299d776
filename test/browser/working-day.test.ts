import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../deploy/demo-cases.js';
import { DEMO_PASSWORD, startDemo, type RunningDemo } from '../../deploy/demo.js';
import { eventually } from '../support/eventually.js';
import { futureMonday } from '../support/future-monday.js';
import { residentId } from '../support/queue-fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, TV, PHONE, text, submitStaffLogin } from './support/browser-session.js';

// A working day in the demo district (`npm start`), walked by clicking only: every case, booking,
// ticket, forward, approval and rating below is made in the pages, as each person would make it.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const SHOTS = 'test/screenshots/day';
const TABLET = { width: 1024, height: 768 };
const COMPANY = { name: '东城小馆餐饮有限公司', uscc: '91350100M000100Y43', phone: '13700137000' };
const LOW_INCOME = { name: '王五', idNumber: residentId('19800101', 18), phone: '13500135000' };

/** A demo account by its login: password hallnet-demo, and the name its pages greet. */
const who = (account: string, name: string) => ({ account, name, password: DEMO_PASSWORD });
const COMMUNITY_CLERK = who('clerk.hcg', '刘芳');
const DIRECTOR = who('director.hcg', '何站长');
const STREET_CLERK = who('clerk.jingshan', '李建国');
const COORDINATION = who('desk.coordination', '陈代办');
const SUPERVISOR = who('supervisor', '郑督查');
const DEPARTMENT_DESKS = {
  health: who('desk.health', '卫晓光'),
  ecology: who('desk.ecology', '林绿清'),
  market: who('desk.market', '马建华'),
  quality: who('desk.quality', '齐志强'),
  'national-tax': who('desk.national-tax', '郭税明'),
  'local-tax': who('desk.local-tax', '邓立新'),
  stats: who('desk.stats', '司统计'),
};

// The district's clock runs from a Monday 09:00 in Beijing after the real time; the test moves it on, never back.
const base = futureMonday().getTime() - 60 * 60_000;
const started = Date.now();
let offset = 0;
const clock = () => new Date(base + (Date.now() - started) + offset);
/** Moves the district's clock to `hh:mm` Beijing time of the test's Monday. */
function setTime(hhmm: string): void {
  const [h, m] = hhmm.split(':').map(Number);
  const target = base - 9 * 3_600_000 + (h! * 60 + m!) * 60_000;
  if (target < clock().getTime()) throw new Error(`the clock is past ${hhmm} already`);
  offset += target - clock().getTime();
}

/** Each step waits for sync between halls, on a machine shared with other suites. */
const STEP_MS = 90_000;
const dir = tempDir('hallnet-day-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let demo: RunningDemo;
const url = (org: string, path: string) => `${demo.district.nodes.get(org)!.url}${path}`;

/** Opens a page and logs in on its login form as a member of staff. */
async function openAs(
  org: string,
  path: string,
  person: { account: string; password: string; name: string },
  size = DESK,
): Promise<Page> {
  const page = await tab(size);
  await page.goto(url(org, path));
  await submitStaffLogin(page, person);
  await page.locator('#clerk-name').getByText(person.name).waitFor();
  return page;
}

/** An office's inbox row for a case, waiting for sync to bring it; then its case page. */
async function openFromInbox(page: Page, body: '#held-body' | '#tasks-body', queryCode: string): Promise<void> {
  const row = page.locator(`${body} tr`, { hasText: queryCode.slice(0, 4) });
  await eventually(
    async () => {
      if (await row.count()) return true;
      await page.reload();
      await page.locator('#office-name').waitFor();
      return (await row.count()) > 0;
    },
    40_000,
    `case ${queryCode} in the inbox`,
  );
  await row.getByRole('link').first().click();
  await page.locator('#case-view:not([hidden])').waitFor();
}

beforeAll(async () => {
  demo = await startDemo({ dir: dir.path, hubPort: 0, firstNodePort: 0, clock });
  // Every hall opens with its windows (the default plan) once the catalogue has come.
  await eventually(
    () => demo.district.nodes.get(COMMUNITY)!.services.queue.windows().length === 2,
    60_000,
    'the community windows',
  );
}, 180_000);

afterAll(async () => {
  await demo?.close();
  dir.remove();
});

describe('a resident’s visit: book, check in, be called, rate', () => {
  let number = '';

  it(
    'before opening, the station’s director adds a third window for 残疾人服务 and 综合服务',
    async () => {
      setTime('09:10');
      const page = await openAs(COMMUNITY, '/window/queue/setup', DIRECTOR);
      // The two comprehensive windows the station opened with at first start.
      await page.locator('#setup-body tr', { hasText: '2号窗口' }).waitFor();
      await page.fill('#setup-id', 'w3');
      await page.fill('#setup-name', '3号窗口');
      for (const c of [8, 15]) await page.check(`#cat-${c}`);
      await page.click('#setup-form button[type=submit]');
      await page.locator('#setup-body tr', { hasText: '3号窗口' }).waitFor();
      expect(await text(page, '#setup-body')).toContain('残疾人服务、综合服务');
      await shot(page, 'director-windows', true);
      await page.close();
    },
    STEP_MS,
  );

  it(
    'the resident books 残疾人证核发 at 10:00 on the portal of his community station',
    async () => {
      setTime('09:20');
      const phone = await tab(PHONE);
      await phone.goto(url(COMMUNITY, '/portal'));
      await phone.fill('#login-id', DEMO_RESIDENT.phone);
      await phone.fill('#login-password', DEMO_RESIDENT.password);
      await phone.click('#panel-login button[type=submit]');
      await phone.locator('#hello').getByText(`${DEMO_RESIDENT.name}，您好`).waitFor();
      await phone.selectOption('#book-category', '8');
      await phone.locator('#book-matter option', { hasText: '残疾人证核发' }).waitFor({ state: 'attached' });
      await phone.selectOption('#book-matter', 'DC-CL-001');
      const ten = phone.locator('#book-slot-list label', { hasText: '10:00' });
      // Three windows serve 残疾人服务 now (two comprehensive, the director's third): six places a slot.
      expect(await ten.textContent()).toBe('10:00 余 6');
      await ten.locator('input').check();
      await phone.click('#book-button');
      await phone.locator('#book-msg').getByText('预约成功').waitFor();
      expect(await text(phone, '#my-appointments')).toMatch(/残疾人证核发.*10:00 · 已预约/);
      await shot(phone, 'resident-booked', true);
      await phone.close();
    },
    STEP_MS,
  );

  it(
    'at 09:50 a walk-in takes a number, then the resident checks in at the kiosk with his phone',
    async () => {
      setTime('09:50');
      const kiosk = await tab(DESK);
      await kiosk.goto(url(COMMUNITY, '/queue/kiosk'));
      await kiosk.click('.kiosk-cat[data-category="8"]:not([disabled])');
      await kiosk.click('.kiosk-mode[data-via="walk-in"]');
      await kiosk.click('#who-issue');
      await kiosk.locator('#step-done:not([hidden])').waitFor();
      const walkIn = await text(kiosk, '#slip-number');
      await kiosk.click('#done-finish');

      await kiosk.click('#go-appointment');
      await kiosk.click('.kiosk-cat[data-category="8"]:not([disabled])');
      await kiosk.click('.kiosk-mode[data-via="phone"]');
      for (const key of DEMO_RESIDENT.phone) await kiosk.click(`#keypad [data-key="${key}"]`);
      await kiosk.click('#who-issue');
      await kiosk.locator('#step-done:not([hidden])').waitFor();
      number = await text(kiosk, '#slip-number');
      expect(number).not.toBe(walkIn);
      expect(await text(kiosk, '#slip-lane')).toContain('预约签到成功 · 预约时间 10:00');
      await shot(kiosk, 'resident-checked-in');
      await kiosk.close();
    },
    STEP_MS,
  );

  it(
    'at 10:00 the clerk pairs his window’s tablet, calls — the booked resident first — and finishes; the resident rates on the tablet',
    async () => {
      const screen = await tab(TV);
      await screen.goto(url(COMMUNITY, '/queue/screen'));
      await screen.locator('#screen-link').getByText('实时').waitFor();
      const device = await tab(TABLET);
      await device.goto(url(COMMUNITY, '/rate/window/w1'));
      await device.locator('#device-pair:not([hidden])').waitFor();

      const panel = await openAs(COMMUNITY, '/window/queue', COMMUNITY_CLERK);
      await panel.getByRole('button', { name: '开启1号窗口' }).click();
      await panel.locator('#mine-card:not([hidden])').waitFor();
      await panel.click('#pair-device');
      const said = await panel.locator('#pair-device-code').getByText('配对码').textContent();
      await device.fill('#pair-code', /配对码 (\d{6})/.exec(said ?? '')![1]!);
      await device.click('#pair-form button[type=submit]');
      await device.locator('#device-link').getByText('评议器已就绪').waitFor();

      setTime('10:00');
      await panel.click('#call-next');
      await panel.locator('#serving-number').getByText(number).waitFor();
      expect(await text(panel, '#serving-facts')).toContain('预约');
      await screen.locator('#now-number').getByText(number).waitFor({ timeout: 10_000 });
      expect(await text(screen, '#now-window')).toBe('1号窗口');
      await shot(screen, 'calling-screen');
      await shot(panel, 'clerk-serving');

      await panel.click('#act-finish');
      await device.locator('#device-ask:not([hidden])').waitFor({ timeout: 10_000 });
      await device.locator('label[for="level-very-satisfied"]').click();
      await device.fill('#rating-comment', '预约准时叫号');
      await shot(device, 'resident-rating');
      await device.click('#rating-submit');
      await device.locator('#device-thanks:not([hidden])').waitFor();
      for (const p of [screen, device, panel]) await p.close();
    },
    STEP_MS,
  );
});

describe('the community window’s day: 容缺 acceptance, forward, return handled; the street office decides', () => {
  let caseId = '';
  let queryCode = '';

  it(
    'the community clerk accepts 最低生活保障 with the income proof outstanding (容缺) and forwards it to the street',
    async () => {
      const page = await openAs(COMMUNITY, '/window', COMMUNITY_CLERK);
      await page.fill('#matter-q', '最低生活保障');
      await page.click('#matter-search button[type=submit]');
      expect(await page.locator('#matter-results li', { hasText: '最低生活保障' }).textContent()).toContain('容缺');
      await page.click('#matter-results button[data-code="DC-MZ-001"]');
      await page.fill('#ap-idnumber', LOW_INCOME.idNumber);
      await page.fill('#ap-name', LOW_INCOME.name);
      await page.fill('#ap-phone', LOW_INCOME.phone);
      for (const box of await page.locator('#checklist input[data-necessity="required"]').all()) await box.check();
      expect(await text(page, '#checklist-summary')).toContain('将按容缺受理：缺少 家庭成员收入证明');
      await shot(page, 'community-accept-makeup');
      await page.click('#accept-button');
      await page.waitForURL(/\/window\/notice\//);
      await page.locator('#notice:not([hidden])').waitFor();
      caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      queryCode = (await text(page, '#notice-code')).replace(/\s/g, '');
      expect(await text(page, '#notice-table')).toContain('容缺材料家庭成员收入证明');

      await page.goto(url(COMMUNITY, `/window/cases/${caseId}`));
      await page.locator('#forward-card:not([hidden])').waitFor();
      await page.selectOption('#forward-to', STREET);
      await page.fill('#forward-note', '入户调查已完成，请街道审核');
      await page.click('#forward-button');
      await page.locator('#case-msg').getByText('已转报至').waitFor();
      await shot(page, 'community-forwarded', true);
      await page.close();
    },
    STEP_MS,
  );

  it(
    'the street office finds it in its inbox, is told why 办结 is not offered, and returns it for the income proof',
    async () => {
      const page = await openAs(STREET, '/office', STREET_CLERK);
      await openFromInbox(page, '#held-body', queryCode);
      await page.locator('#why-card:not([hidden])').waitFor();
      expect(await text(page, '#why-list')).toContain('家庭成员收入证明');
      await page.locator('#return-card:not([hidden])').waitFor();
      await page.check('#ret-income-proof');
      await page.fill('#return-note', '请补交家庭成员收入证明');
      await page.click('#return-button');
      await page.locator('#case-msg').getByText('已退回补正').waitFor();
      // 最低生活保障 has no parallel stages: the card says only where the case stands.
      expect(await text(page, '#stages-title')).toBe('办理进度');
      await shot(page, 'street-returned', true);
      await page.close();
    },
    STEP_MS,
  );

  it(
    'the community takes the income proof; the street completes the case',
    async () => {
      const window = await openAs(COMMUNITY, `/window/cases/${caseId}`, COMMUNITY_CLERK);
      await eventually(
        async () => {
          if (await window.locator('#supplement-card:not([hidden])').count()) return true;
          await window.reload();
          await window.locator('#case-view:not([hidden]), #case-facts').first().waitFor();
          return (await window.locator('#supplement-card:not([hidden])').count()) > 0;
        },
        40_000,
        'the return at the community',
      );
      await window.check('#sup-income-proof');
      await window.click('#supplement-button');
      await window.locator('#case-msg').getByText('已登记补正材料').waitFor();
      await window.close();

      const page = await openAs(STREET, '/office', STREET_CLERK);
      await openFromInbox(page, '#held-body', queryCode);
      await page.locator('#office-complete-card:not([hidden])').waitFor();
      await page.fill('#office-complete-result', '经审核符合低保条件，自次月起发放');
      await page.click('#office-complete-button');
      await page.locator('#case-facts').getByText('已办结').waitFor();
      await shot(page, 'street-completed', true);
      await page.close();
    },
    STEP_MS,
  );
});

describe('the restaurant licence through both stages, by the departments’ own accounts', () => {
  let caseId = '';
  let queryCode = '';

  it(
    'the community window accepts it for a company and forwards it to the district center',
    async () => {
      const page = await openAs(COMMUNITY, '/window', COMMUNITY_CLERK);
      await page.fill('#matter-q', '食品经营许可');
      await page.click('#matter-search button[type=submit]');
      await page.click('#matter-results button[data-code="DC-SCJG-003"]');
      await page.selectOption('#ap-kind', 'company');
      await page.fill('#ap-idnumber', COMPANY.uscc);
      await page.fill('#ap-name', COMPANY.name);
      await page.fill('#ap-phone', COMPANY.phone);
      for (const box of await page
        .locator('#checklist input[data-necessity="required"], #checklist input[data-necessity="secondary"]')
        .all())
        await box.check();
      await page.click('#accept-button');
      await page.waitForURL(/\/window\/notice\//);
      await page.locator('#notice:not([hidden])').waitFor();
      caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      queryCode = (await text(page, '#notice-code')).replace(/\s/g, '');
      await page.goto(url(COMMUNITY, `/window/cases/${caseId}`));
      await page.locator('#forward-card:not([hidden])').waitFor();
      await page.selectOption('#forward-to', CENTER);
      await page.click('#forward-button');
      await page.locator('#case-msg').getByText('已转报至 东城区政务服务中心').waitFor();
      await page.close();
    },
    STEP_MS,
  );

  /** The coordination desk starts the next stage from the case page at the center. */
  async function startStage(n: number, name: string): Promise<void> {
    const page = await openAs(CENTER, '/office', COORDINATION);
    await openFromInbox(page, '#held-body', queryCode);
    await page.locator('#stage-start-box:not([hidden])').waitFor({ timeout: 40_000 });
    expect(await text(page, '#stage-next')).toContain(name);
    await page.click('#stage-start');
    await page.locator('#case-msg').getByText('已启动审批阶段').waitFor();
    expect(await text(page, '#stages-view')).toContain(`第 ${n} 阶段：${name}审批中`);
    await shot(page, `center-stage-${n}`, true);
    await page.close();
  }

  /** A department's chief representative approves its task from his own inbox at the center. */
  async function approve(desk: (typeof DEPARTMENT_DESKS)[keyof typeof DEPARTMENT_DESKS], note: string): Promise<void> {
    const page = await openAs(CENTER, '/office', desk);
    await openFromInbox(page, '#tasks-body', queryCode);
    await page.locator('#decision-card:not([hidden])').waitFor();
    await page.fill('#decision-text', note);
    await page.click('#approve-button');
    await page.locator('#case-msg').getByText('已审批通过').waitFor();
    await page.close();
  }

  it(
    'the coordination desk starts stage 1; health and ecology inspect and approve',
    async () => {
      await startStage(1, '现场核查');
      await approve(DEPARTMENT_DESKS.health, '卫生条件合格');
      await approve(DEPARTMENT_DESKS.ecology, '油烟排放达标');
    },
    STEP_MS,
  );

  it(
    'stage 2 starts once stage 1 passed; market, quality, both tax offices and statistics approve',
    async () => {
      // The coordination desk sees the next stage under way and who still has to approve.
      const page = await openAs(CENTER, '/office', COORDINATION);
      await openFromInbox(page, '#held-body', queryCode);
      expect(await text(page, '#stages-view')).toContain('第 2 阶段：联合审批审批中');
      expect(await text(page, '#why-list')).toContain('待 东城区市场监督管理局、');
      await page.close();
      for (const desk of ['market', 'quality', 'national-tax', 'local-tax', 'stats'] as const)
        await approve(DEPARTMENT_DESKS[desk], '同意');
    },
    3 * STEP_MS,
  );

  it(
    'the last approval completes it; the community window hands the licences out through a locker',
    async () => {
      // No one completes a parallel approval by hand: the last department's approval does.
      await eventually(
        () => demo.district.nodes.get(CENTER)!.services.index.get(caseId)?.status === 'completed',
        40_000,
        'the completion at the center',
      );
      const window = await openAs(COMMUNITY, `/window/cases/${caseId}`, COMMUNITY_CLERK);
      await eventually(
        async () => {
          if (await window.locator('#delivery-card:not([hidden])').count()) return true;
          await window.reload();
          await window.locator('#case-facts').waitFor();
          return (await window.locator('#delivery-card:not([hidden])').count()) > 0;
        },
        40_000,
        'the completion at the community',
      );
      await window.check('input[name=delivery-method][value=locker]');
      await window.click('#delivery-button');
      await window.locator('#case-msg').getByText('已出件：智能柜自取').waitFor();
      expect(await text(window, '#locker-code')).toMatch(/^\d{6}$/);
      expect(await text(window, '#case-facts')).toContain('已办结');
      await shot(window, 'community-locker', true);
      await window.close();
    },
    STEP_MS,
  );
});

describe('the supervisor at the district center', () => {
  it(
    'sees the resident’s rating of the visit among the single ratings',
    async () => {
      const page = await openAs(CENTER, '/supervision', SUPERVISOR);
      await eventually(
        async () => {
          if ((await text(page, '#sv-ratings')).includes('预约准时叫号')) return true;
          await page.reload();
          await page.locator('#sv-ratings tr').first().waitFor();
          return (await text(page, '#sv-ratings')).includes('预约准时叫号');
        },
        40_000,
        'the rating at the center',
      );
      await shot(page, 'supervisor', true);
      await page.close();
    },
    STEP_MS,
  );
});
