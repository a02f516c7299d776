import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import {
  manualClock,
  phoneOf,
  queueCategories,
  recordingNotify,
  residentId,
} from '../../test/support/queue-fixtures.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { createHallQueue } from './create-hall-queue.js';
import type { HallQueue } from './hall-queue.js';
import { QueueStore } from './queue-store.js';

// Monday 23 November 2026, 10:00 in Beijing.
const START = '2026-11-23T02:00:00.000Z';
const ZHANG = { id: 'zhang', name: '张窗口' };
const LI = { id: 'li', name: '李窗口' };
const WANG = { id: 'wang', name: '王窗口' };
const YOUNG = residentId('19900307');

let dir: ReturnType<typeof tempDir>;
let time: ReturnType<typeof manualClock>;
let sms: ReturnType<typeof recordingNotify>;
let queue: HallQueue;

async function open(): Promise<HallQueue> {
  return createHallQueue({
    dataDir: join(dir.path, 'node'),
    clock: time.clock,
    notify: sms.notify,
    org: 'dongcheng/jingshan',
    hallName: () => '景山街道',
    categories: queueCategories(),
  });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HallnetError) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

const walkIn = (category: number) => queue.issue({ via: 'walk-in', category });
const byPhone = (category: number, n: number) => queue.issue({ via: 'phone', category, phone: phoneOf(n) });

beforeEach(async () => {
  dir = tempDir('hallnet-queue-');
  time = manualClock(START);
  sms = recordingNotify();
  queue = await open();
  await queue.setupWindow('w1', { name: '1号窗口', categories: [1, 2] });
  await queue.setupWindow('w2', { name: '2号窗口', categories: [1] });
  await queue.setupWindow('w3', { name: '3号窗口', categories: [3] });
  await queue.openWindow('w1', ZHANG);
  await queue.openWindow('w2', LI);
});

afterEach(async () => {
  await queue.close();
  dir.remove();
});

describe('numbering', () => {
  it('numbers tickets per category per day with the category letter, and starts again the next day', async () => {
    expect((await walkIn(1)).number).toBe('A001');
    expect((await walkIn(1)).number).toBe('A002');
    expect((await walkIn(2)).number).toBe('B001');
    expect((await walkIn(3)).number).toBe('C001');
    time.advance(24 * 60);
    expect(queue.stats()).toMatchObject({ day: '20261124', issued: 0, waiting: 0 });
    expect(queue.snapshot().waiting.every((c) => c.waiting === 0)).toBe(true);
    expect((await walkIn(1)).number).toBe('A001');
    expect(queue.stats().issued).toBe(1);
  });

  it('refuses a category no window serves and issues nothing', async () => {
    await walkIn(1);
    expect(await code(walkIn(9))).toBe('ERR_CATEGORY_NOT_SERVED');
    expect(queue.stats().issued).toBe(1);
    expect((await walkIn(1)).number).toBe('A002');
  });

  it('refuses a second live ticket of the same category for one person', async () => {
    await queue.issue({ via: 'id-card', category: 1, idNumber: YOUNG });
    expect(await code(queue.issue({ via: 'id-card', category: 1, idNumber: YOUNG }))).toBe('ERR_TICKET_HELD');
    expect((await queue.issue({ via: 'id-card', category: 2, idNumber: YOUNG })).number).toBe('B001');
  });
});

describe('calling order', () => {
  it('calls first come first served across the window categories', async () => {
    await walkIn(2);
    await walkIn(1);
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('B001');
    await queue.act('w1', ZHANG, { kind: 'finish' });
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('A001');
    await queue.act('w1', ZHANG, { kind: 'finish' });
    expect(await queue.callNext('w1', ZHANG)).toBeNull();
  });

  it('puts the priority lane ahead, and an ID card of someone 65 or older there unasked', async () => {
    await walkIn(1);
    const pregnant = await queue.issue({ via: 'walk-in', category: 1, priority: 'pregnant' });
    const elder = await queue.issue({ via: 'id-card', category: 1, idNumber: residentId('19500101') });
    expect(elder.lane).toBe('priority');
    expect(elder.priorityName).toBe('老年人');
    expect((await queue.callNext('w1', ZHANG))?.number).toBe(pregnant.number);
    expect((await queue.callNext('w2', LI))?.number).toBe(elder.number);
  });

  it('calls an appointment before everyone once its time has come, not before', async () => {
    const booked = await queue.book({ category: 1, slot: '2026-11-23T02:30:00.000Z', idNumber: YOUNG }, 'staff:zhang');
    await walkIn(1);
    await queue.issue({ via: 'walk-in', category: 1, priority: 'military' });
    const mine = await queue.issue({ via: 'id-card', category: 1, idNumber: YOUNG });
    expect(mine.lane).toBe('appointment');
    expect(mine.appointmentSlot).toBe(booked.slot);
    // 10:00: not due yet, so the priority lane and then the first comer go first.
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('A002');
    time.set('2026-11-23T02:30:00.000Z');
    expect((await queue.callNext('w2', LI))?.number).toBe(mine.number);
  });

  it('voids an appointment whose holder comes too late: the ticket queues normally', async () => {
    await queue.book({ category: 1, slot: '2026-11-23T02:10:00.000Z', phone: phoneOf(1) }, 'staff:zhang');
    time.set('2026-11-23T02:30:00.000Z');
    const t = await byPhone(1, 1);
    expect(t.lane).toBe('normal');
    expect(await code(queue.cancelAppointment('nope'))).toBe('ERR_NOT_FOUND');
  });
});

describe('booking slots (预约时段)', () => {
  it('holds two appointments per window set up for the category in a slot, then refuses the slot as full', async () => {
    // Category 3 has one window (w3): two appointments in the 10:30 slot, the third refused; 11:00 is free.
    const slot = '2026-11-23T10:30:00+08:00';
    await queue.book({ category: 3, slot, phone: phoneOf(1) }, 'resident:a', true);
    await queue.book({ category: 3, slot: '2026-11-23T10:45:00+08:00', phone: phoneOf(2) }, 'staff:zhang');
    expect(await code(queue.book({ category: 3, slot, phone: phoneOf(3) }, 'resident:c', true))).toBe('ERR_SLOT_FULL');
    await queue.book({ category: 3, slot: '2026-11-23T11:00:00+08:00', phone: phoneOf(3) }, 'resident:c', true);
    const slots = queue.slots(3, '2026-11-23');
    // 10:00 is now, so the first slot still ahead is 10:30; the day ends with the 16:30 slot.
    expect(slots[0]).toEqual({ slot: '2026-11-23T10:30:00+08:00', capacity: 2, booked: 2 });
    expect(slots[1]).toEqual({ slot: '2026-11-23T11:00:00+08:00', capacity: 2, booked: 1 });
    expect(slots.at(-1)?.slot).toBe('2026-11-23T16:30:00+08:00');
    // Category 1 has two windows (w1, w2): four a slot.
    expect(queue.slots(1, '2026-11-24')[0]).toEqual({ slot: '2026-11-24T09:00:00+08:00', capacity: 4, booked: 0 });
    // A cancelled appointment frees its place.
    const mine = queue.appointmentsOf({ phone: phoneOf(1) });
    expect(mine.map((a) => a.slot)).toEqual(['2026-11-23T02:30:00.000Z']);
    await queue.cancelAppointment(mine[0]!.id);
    expect(queue.slots(3, '2026-11-23')[0]?.booked).toBe(1);
  });

  it('lets a resident book only a published slot; a clerk books a caller at the time agreed', async () => {
    expect(
      await code(queue.book({ category: 1, slot: '2026-11-23T10:40:00+08:00', phone: phoneOf(1) }, 'resident:a', true)),
    ).toBe('ERR_VALIDATION');
    expect(
      await code(queue.book({ category: 1, slot: '2026-11-23T18:00:00+08:00', phone: phoneOf(1) }, 'resident:a', true)),
    ).toBe('ERR_VALIDATION');
    expect(
      (await queue.book({ category: 1, slot: '2026-11-23T18:00:00+08:00', phone: phoneOf(1) }, 'staff:zhang')).state,
    ).toBe('booked');
    expect(
      await code(queue.book({ category: 1, slot: '2026-11-23T11:00:00+08:00', phone: phoneOf(1) }, 'resident:a', true)),
    ).toBe('ERR_APPOINTMENT_EXISTS');
  });
});

describe('at the window', () => {
  it('recalls without a new SMS, transfers to another open window only, parks and resumes, finishes, keeping the times', async () => {
    const t = await byPhone(1, 1);
    time.advance(5);
    const called = await queue.callNext('w1', ZHANG);
    expect(called).toMatchObject({ number: t.number, waitMs: 5 * 60_000 });
    await queue.act('w1', ZHANG, { kind: 'recall' });
    await queue.settled();
    expect(sms.sent.filter((s) => s.template === 'queue.called')).toEqual([
      { phone: phoneOf(1), template: 'queue.called', params: { number: 'A001', window: '1号窗口', hall: '景山街道' } },
    ]);

    expect(await code(queue.act('w1', ZHANG, { kind: 'transfer', to: 'w3' }))).toBe('ERR_WINDOW_CLOSED');
    expect((await queue.ticket(t.id))?.state).toBe('called');
    time.advance(2);
    const moved = await queue.act('w1', ZHANG, { kind: 'transfer', to: 'w2' });
    expect(moved.state).toBe('waiting');
    await walkIn(1);
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('A002');
    expect((await queue.callNext('w2', LI))?.number).toBe('A001');

    time.advance(3);
    await queue.act('w2', LI, { kind: 'park' });
    expect(
      queue
        .windows()
        .find((w) => w.id === 'w2')
        ?.parked.map((p) => p.number),
    ).toEqual(['A001']);
    time.advance(10);
    await queue.act('w2', LI, { kind: 'resume', ticketId: t.id });
    time.advance(4);
    const done = await queue.act('w2', LI, { kind: 'finish' });
    // Serving: 2 min at window 1, 3 min at window 2 before parking, 4 after; the parked 10 do not count.
    expect(done).toMatchObject({ state: 'finished', waitMs: 5 * 60_000, servingMs: 9 * 60_000 });
    expect(done.log.map((l) => l.kind)).toEqual([
      'issued',
      'called',
      'recalled',
      'transferred',
      'called',
      'parked',
      'resumed',
      'finished',
    ]);
    const cat = queue.stats().categories.find((c) => c.category === 1)!;
    expect(cat).toMatchObject({ issued: 2, finished: 1, averageServeMs: 9 * 60_000 });
  });

  it("refuses calling at a closed window, at another clerk's window, and while still serving; nothing changes", async () => {
    await walkIn(1);
    await walkIn(3);
    expect(await code(queue.callNext('w3', WANG))).toBe('ERR_WINDOW_CLOSED');
    expect(await code(queue.callNext('w1', LI))).toBe('ERR_WINDOW_NOT_YOURS');
    expect(await code(queue.openWindow('w1', WANG))).toBe('ERR_WINDOW_NOT_YOURS');
    expect(await code(queue.openWindow('w3', ZHANG))).toBe('ERR_WINDOW_STATE');
    await queue.callNext('w1', ZHANG);
    expect(await code(queue.callNext('w1', ZHANG))).toBe('ERR_WINDOW_STATE');
    expect(await code(queue.closeWindow('w1', ZHANG))).toBe('ERR_WINDOW_STATE');
    expect(queue.stats()).toMatchObject({ waiting: 1, issued: 2 });
    await queue.act('w1', ZHANG, { kind: 'finish' });
    await queue.closeWindow('w2', { id: 'director', director: true });
    expect(await code(queue.callNext('w2', LI))).toBe('ERR_WINDOW_CLOSED');
  });
});

describe('silent calling', () => {
  it('sends the two-ahead SMS exactly once per ticket and the call SMS once per call', async () => {
    for (let i = 1; i <= 6; i++) await byPhone(1, i);
    await queue.settled();
    const twoAhead = () => sms.sent.filter((s) => s.template === 'queue.two-ahead').map((s) => s.phone);
    expect(twoAhead()).toEqual([phoneOf(1), phoneOf(2), phoneOf(3)]);
    expect(sms.sent.find((s) => s.phone === phoneOf(3))?.params).toMatchObject({
      number: 'A003',
      ahead: '2',
      category: '企业开办与市场准入',
    });
    await queue.callNext('w1', ZHANG);
    await queue.act('w1', ZHANG, { kind: 'recall' });
    await queue.act('w1', ZHANG, { kind: 'finish' });
    await queue.callNext('w1', ZHANG);
    await queue.settled();
    expect(twoAhead()).toEqual([1, 2, 3, 4, 5].map(phoneOf));
    for (let i = 0; i < 4; i++) {
      await queue.act('w1', ZHANG, { kind: 'finish' });
      await queue.callNext('w1', ZHANG);
    }
    await queue.settled();
    expect(twoAhead()).toEqual([1, 2, 3, 4, 5, 6].map(phoneOf));
    expect(sms.sent.filter((s) => s.template === 'queue.called').map((s) => s.phone)).toEqual(
      [1, 2, 3, 4, 5, 6].map(phoneOf),
    );
  });

  it('sends the two-ahead SMS to an appointment once its time puts it at the head, on any action in the hall', async () => {
    await queue.book({ category: 3, slot: '2026-11-23T02:30:00.000Z', phone: phoneOf(9) }, 'staff:zhang');
    for (let i = 0; i < 4; i++) await walkIn(3);
    const mine = await byPhone(3, 9);
    expect(mine).toMatchObject({ lane: 'appointment', ahead: 4 });
    await walkIn(1);
    await queue.settled();
    expect(sms.sent.filter((s) => s.phone === phoneOf(9))).toEqual([]);
    // 10:30: due, it goes first in its line, which no action since has touched.
    time.set('2026-11-23T02:30:00.000Z');
    await walkIn(2);
    await queue.settled();
    expect(sms.sent.filter((s) => s.phone === phoneOf(9))).toMatchObject([
      { template: 'queue.two-ahead', params: { number: mine.number, ahead: '0' } },
    ]);
  });

  it('does not fail the action when the SMS gateway fails', async () => {
    await queue.close();
    const warned: object[] = [];
    queue = await createHallQueue({
      dataDir: join(dir.path, 'node'),
      clock: time.clock,
      notify: () => Promise.reject(new Error('gateway down')),
      org: 'dongcheng/jingshan',
      categories: queueCategories(),
      logger: { warn: (d) => void warned.push(d) },
    });
    await byPhone(1, 1);
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('A001');
    await queue.settled();
    expect(warned).toHaveLength(2);
  });
});

describe('过号补号', () => {
  it('re-issues a missed ticket into its old place within 30 minutes, once', async () => {
    const first = await byPhone(1, 1);
    await walkIn(1);
    await queue.callNext('w1', ZHANG);
    const missed = await queue.act('w1', ZHANG, { kind: 'no-show' });
    expect(missed.state).toBe('no-show');
    expect((await queue.ticket(first.id))?.reissueUntil).toBe('2026-11-23T02:30:00.000Z');
    await walkIn(1);
    time.advance(29);
    const back = await queue.reissue(first.id);
    expect(back).toMatchObject({ number: 'A001', state: 'waiting', ahead: 0 });
    // Waiting again, not called: the missed call is no longer its 叫号时间.
    expect(back.calledAt).toBeNull();
    expect((await queue.callNext('w2', LI))?.number).toBe('A001');
    await queue.act('w2', LI, { kind: 'no-show' });
    expect(await code(queue.reissue(first.id))).toBe('ERR_TICKET_STATE');
    await queue.settled();
    expect(sms.sent.filter((s) => s.template === 'queue.called')).toHaveLength(2);
    expect(sms.sent.filter((s) => s.template === 'queue.two-ahead')).toHaveLength(1);
  });

  it('refuses a re-issue after the time allowed and leaves the ticket missed', async () => {
    const t = await walkIn(1);
    await queue.callNext('w1', ZHANG);
    await queue.act('w1', ZHANG, { kind: 'no-show' });
    time.advance(31);
    expect(await code(queue.reissue(t.id))).toBe('ERR_REISSUE_EXPIRED');
    expect(await queue.ticket(t.id)).toMatchObject({ state: 'no-show', reissueUntil: null });
    expect(await code(queue.reissue(t.id))).toBe('ERR_REISSUE_EXPIRED');
  });
});

describe('restart', () => {
  it('keeps tickets, windows, numbering and SMS marks when reopened on the same folder', async () => {
    for (let i = 1; i <= 4; i++) await byPhone(1, i);
    await queue.callNext('w1', ZHANG);
    await queue.settled();
    const before = sms.sent.length;
    const windowsBefore = queue.windows();
    await queue.close();
    queue = await open();
    expect(queue.windows()).toEqual(windowsBefore);
    expect((await walkIn(1)).number).toBe('A005');
    await queue.act('w1', ZHANG, { kind: 'finish' });
    expect((await queue.callNext('w1', ZHANG))?.number).toBe('A002');
    await queue.settled();
    // A002–A004 were told "two ahead" before the restart: after it, only A002's call is new.
    expect(sms.sent.slice(before)).toEqual([
      { phone: phoneOf(2), template: 'queue.called', params: expect.objectContaining({ number: 'A002' }) },
    ]);
  });
});

describe('the floor for the clerk and the resident', () => {
  it("lists today's missed tickets that may still be re-issued, and a second re-issue answers the first", async () => {
    const t = await byPhone(1, 1);
    await queue.callNext('w1', ZHANG);
    await queue.act('w1', ZHANG, { kind: 'no-show' });
    expect(queue.missed().map((m) => [m.number, m.phone])).toEqual([[t.number, phoneOf(1)]]);
    const back = await queue.reissue(t.id);
    expect(back.state).toBe('waiting');
    expect((await queue.reissue(t.id)).state).toBe('waiting');
    expect(queue.missed()).toEqual([]);
  });

  it('estimates the wait from the people ahead, the day’s serving time and the open windows serving the category', async () => {
    const first = await walkIn(3);
    expect(first.estimatedWaitMinutes).toBe(0);
    const second = await walkIn(3);
    // One ahead, nobody served yet: the default 8 minutes, at the one window (w3, closed) that serves category 3.
    expect(second.estimatedWaitMinutes).toBe(8);
    for (let i = 0; i < 4; i++) await walkIn(1);
    // Category 1: w1 and w2 are open; nobody served yet: 4 ahead × 8 minutes / 2 windows.
    expect((await walkIn(1)).estimatedWaitMinutes).toBe(16);
    await queue.callNext('w1', ZHANG);
    time.advance(4);
    await queue.act('w1', ZHANG, { kind: 'finish' });
    // Now the day's category-1 serving time is 4 minutes: 4 ahead (one was served) × 4 / 2.
    expect((await walkIn(1)).estimatedWaitMinutes).toBe(8);
    expect(queue.snapshot().waiting.find((w) => w.category === 1)).toMatchObject({
      waiting: 5,
      estimatedWaitMinutes: 10,
    });
  });

  it("erases old tickets' and appointments' ID numbers and phones after the retention period, keeping their counts", async () => {
    const old = await queue.issue({ via: 'id-card', category: 1, idNumber: YOUNG, phone: phoneOf(7) });
    time.advance(60 * 24 * 20);
    const recent = await byPhone(1, 8);
    time.advance(60 * 24 * 11);
    expect(await queue.purgePersonalData()).toBe(1);
    const stored = await queue.storedTicket(old.id);
    expect(stored).toMatchObject({ number: old.number, category: 1 });
    expect(stored).not.toHaveProperty('idNumber');
    expect(stored).not.toHaveProperty('phone');
    expect(await queue.storedTicket(recent.id)).toMatchObject({ phone: phoneOf(8) });
    // Done once: the next pass has nothing left before the cutoff.
    expect(await queue.purgePersonalData()).toBe(0);
  });
});

describe('group commit', () => {
  it('writes actions asked for together in one batch, numbering them in turn; a failed batch changes nothing', async () => {
    const batches: number[] = [];
    let fail = false;
    const save = QueueStore.prototype.save;
    const spy = vi.spyOn(QueueStore.prototype, 'save').mockImplementation(function (this: QueueStore, docs) {
      batches.push(docs.length);
      return fail ? Promise.reject(new Error('disk gone')) : save.call(this, docs);
    });
    try {
      await queue.setupWindow('w1', { name: '1号窗口', categories: [1] });
      batches.length = 0;
      const tickets = await Promise.all(Array.from({ length: 10 }, () => walkIn(1)));
      expect(tickets.map((t) => t.number)).toEqual(
        Array.from({ length: 10 }, (_, i) => `A${String(i + 1).padStart(3, '0')}`),
      );
      expect(batches).toEqual([10]);

      fail = true;
      const failed = await Promise.allSettled([walkIn(1), walkIn(1)]);
      expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      fail = false;
      expect(queue.stats().issued).toBe(10);
      expect((await walkIn(1)).number).toBe('A011');
    } finally {
      spy.mockRestore();
    }
  });
});
