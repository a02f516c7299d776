import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESIDENT } from '../../deploy/demo-cases.js';
import { startDemo, type RunningDemo } from '../../deploy/demo.js';
import { eventually } from '../support/eventually.js';
import { futureMonday } from '../support/future-monday.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession, DESK, PHONE, text } from './support/browser-session.js';

// 预约 at any hall in the demo district, by clicking only: the resident, signed in at 南池子's
// portal, books a slot at 皇城根 (a station of another street), sees 皇城根 admit it and refuse a
// second one with its reason, and checks in at 皇城根's kiosk.
const PORTAL = 'dongcheng/donghuamen/nanchizi';
const CHOSEN = 'dongcheng/jingshan/huangchenggen';
const SHOTS = 'test/screenshots/booking';

// The district's clock starts on a Monday 09:00 in Beijing after the real time and runs on: the
// 11:00 slot booked below is that day's, whatever the real time of day.
const base = futureMonday().getTime() - 60 * 60_000;
const started = Date.now();
const clock = () => new Date(base + (Date.now() - started));

const STEP_MS = 90_000;
const dir = tempDir('hallnet-booking-browser-');
const { tab, shot } = browserSession({ shots: SHOTS, viewport: DESK });
let demo: RunningDemo;
const url = (org: string, path: string) => `${demo.district.nodes.get(org)!.url}${path}`;

/** The resident's phone on a hall's portal, logged in. */
async function portalOf(org: string): Promise<Page> {
  const phone = await tab(PHONE);
  await phone.goto(url(org, '/portal'));
  await phone.fill('#login-id', DEMO_RESIDENT.phone);
  await phone.fill('#login-password', DEMO_RESIDENT.password);
  await phone.click('#panel-login button[type=submit]');
  await phone.locator('#hello').getByText(`${DEMO_RESIDENT.name}，您好`).waitFor();
  return phone;
}

/** Chooses 皇城根 on the booking card, then a matter of 残疾人服务 and a slot of the first day offered. */
async function chooseAtChosenHall(phone: Page, matter: string, hhmm: string): Promise<void> {
  await phone.selectOption('#book-hall-select', CHOSEN);
  await phone.locator('#book-category option[value="8"]').waitFor({ state: 'attached' });
  await phone.selectOption('#book-category', '8');
  await phone.locator(`#book-matter option[value="${matter}"]`).waitFor({ state: 'attached' });
  await phone.selectOption('#book-matter', matter);
  await phone.locator('#book-slot-list label', { hasText: hhmm }).locator('input').check();
}

beforeAll(async () => {
  demo = await startDemo({ dir: dir.path, hubPort: 0, firstNodePort: 0, clock });
  await eventually(
    () => demo.district.nodes.get(CHOSEN)!.services.queue.windows().length > 0,
    60_000,
    'the chosen hall’s windows',
  );
}, 180_000);

afterAll(async () => {
  await demo?.close();
  dir.remove();
});

describe('预约 at another hall of the district, in a real Chromium', () => {
  it(
    'at 南池子’s portal the resident books 残疾人证核发 at 皇城根 at 11:00; 皇城根 admits it, and refuses a second one the same day with its reason',
    async () => {
      const phone = await portalOf(PORTAL);
      expect(await text(phone, '#book-hall-select option:checked')).toBe('本大厅（南池子社区服务站）');

      await chooseAtChosenHall(phone, 'DC-CL-001', '11:00');
      expect(await text(phone, '#book-msg')).toContain('名额由皇城根社区服务站核定');
      await phone.click('#book-button');
      await phone.locator('#book-msg').getByText('已提交到皇城根社区服务站').waitFor();
      // The request travels through the hub to 皇城根, whose answer comes back: the list follows it by itself.
      const first = phone.locator('#my-appointments li.booking', { hasText: '残疾人证核发 · 皇城根社区服务站' });
      await first.and(phone.locator('[data-state="booked"]')).waitFor({ timeout: 60_000 });
      expect(await first.textContent()).toMatch(/11:00 · 已预约.*预约号 \d{8}-/);

      // One booking a person, category and day at a hall: 皇城根 says so, and the resident reads it.
      await chooseAtChosenHall(phone, 'DC-CL-002', '14:00');
      await phone.click('#book-button');
      const second = phone.locator('#my-appointments li.booking', { hasText: '残疾人证换领、补领' });
      await second.and(phone.locator('[data-state="refused"]')).waitFor({ timeout: 60_000 });
      expect(await second.textContent()).toContain('未能预约您当天已在该大厅预约过这类业务');
      expect(await second.locator('button').count()).toBe(0);
      await shot(phone, 'resident-booked-elsewhere', true);
      await phone.close();
    },
    STEP_MS,
  );

  it(
    'at 皇城根’s kiosk the resident checks in with his phone: an appointment ticket for 11:00, and 南池子’s portal shows it checked in',
    async () => {
      const kiosk = await tab(DESK);
      await kiosk.goto(url(CHOSEN, '/queue/kiosk'));
      await kiosk.click('#go-appointment');
      await kiosk.click('.kiosk-cat[data-category="8"]:not([disabled])');
      await kiosk.click('.kiosk-mode[data-via="phone"]');
      for (const key of DEMO_RESIDENT.phone) await kiosk.click(`#keypad [data-key="${key}"]`);
      await kiosk.click('#who-issue');
      await kiosk.locator('#step-done:not([hidden])').waitFor();
      expect(await text(kiosk, '#slip-lane')).toContain('预约签到成功 · 预约时间 11:00');
      await shot(kiosk, 'checked-in-elsewhere');
      await kiosk.close();

      // 皇城根's booking desk marks the booking checked in (its pass runs every minute; here at once),
      // and back on 南池子's portal the resident reads 已签到.
      await demo.district.nodes.get(CHOSEN)!.services.bookings.lookAgain();
      const phone = await portalOf(PORTAL);
      const booking = phone.locator('#my-appointments li.booking', { hasText: '残疾人证核发 · 皇城根社区服务站' });
      await eventually(
        async () => {
          if ((await booking.getAttribute('data-state').catch(() => null)) === 'checked-in') return true;
          await phone.reload();
          await booking.waitFor();
          return (await booking.getAttribute('data-state')) === 'checked-in';
        },
        30_000,
        'the booking checked in, at the portal that took it',
      );
      expect(await booking.textContent()).toContain('11:00 · 已签到');
      expect(await booking.locator('button').count()).toBe(0);
      await phone.close();
    },
    STEP_MS,
  );
});
