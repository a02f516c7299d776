import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICANT } from '../../test/support/fixtures.js';
import { client, type Client } from '../../test/support/client.js';
import { clientFrom } from '../../test/support/from-address.js';
import { eventually } from '../../test/support/eventually.js';
import { manualClock, phoneOf, recordingNotify, residentId } from '../../test/support/queue-fixtures.js';
import { sseClient } from '../../test/support/sse-client.js';
import { startQueueApp, type QueueApp } from '../../test/support/start-queue-app.js';
import { tempDir } from '../../test/support/temp-dir.js';

// Monday 23 November 2026, 10:00 in Beijing.
const START = '2026-11-23T02:00:00.000Z';
const ORG = 'dongcheng/jingshan';

let dir: ReturnType<typeof tempDir>;
let time: ReturnType<typeof manualClock>;
let sms: ReturnType<typeof recordingNotify>;
let app: QueueApp;
let anon: Client;
let zhang: Client;
let li: Client;
let director: Client;
const tokens = new Map<Client, string>();

/** test/support/client has no PUT; the director's window setup is one. */
async function put(who: Client | undefined, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const token = who && tokens.get(who);
  const res = await fetch(app.url + path, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Clerks' tokens last an hour of the test clock: sign them again after moving it far. */
async function login(): Promise<void> {
  anon = client(app.url);
  const as = async (account: string, roles?: ('clerk' | 'director')[]) => {
    const token = await app.token(account, roles);
    const c = client(app.url, token);
    tokens.set(c, token);
    return c;
  };
  zhang = await as('zhang');
  li = await as('li');
  director = await as('boss', ['director']);
}

beforeEach(async () => {
  dir = tempDir('hallnet-queue-http-');
  time = manualClock(START);
  sms = recordingNotify();
  app = await startQueueApp(join(dir.path, 'street'), ORG, { clock: time.clock, notify: sms.notify });
  await login();
  expect((await put(director, '/api/queue/windows/w1', { name: '1号窗口', categories: [1, 4] })).status).toBe(200);
  expect((await put(director, '/api/queue/windows/w2', { name: '2号窗口', categories: [1] })).status).toBe(200);
  expect((await put(director, '/api/queue/windows/w3', { name: '3号窗口', categories: [7] })).status).toBe(200);
  expect((await zhang.post('/api/queue/windows/w1/open')).status).toBe(200);
});

afterEach(async () => {
  await app.close();
  dir.remove();
});

const issued = async () => (await zhang.get('/api/queue/stats')).body.issued as number;

describe("the director's window setup", () => {
  it('lets only the director set windows up, and checks the categories', async () => {
    const asClerk = await put(zhang, '/api/queue/windows/w9', { name: '9号窗口', categories: [2] });
    expect(asClerk.status).toBe(403);
    expect((await put(anon, '/api/queue/windows/w9', { name: '9号窗口', categories: [2] })).status).toBe(401);
    const bad = await put(director, '/api/queue/windows/w9', { name: '9号窗口', categories: [16] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('body.categories.0');
    const badId = await put(director, '/api/queue/windows/W%209', { name: '9号窗口', categories: [2] });
    expect(badId.status).toBe(400);
    const windows = (await director.get('/api/queue/windows')).body.items;
    expect(windows.map((w: any) => [w.id, w.open, w.clerk?.id ?? null])).toEqual([
      ['w1', true, 'zhang'],
      ['w2', false, null],
      ['w3', false, null],
    ]);
    expect(windows[0].categoryNames).toEqual(['企业开办与市场准入', '社会保险']);
  });
});

describe('the ticket machine', () => {
  it('offers the served categories and issues by walk-in, phone and ID card', async () => {
    const cats = (await anon.get('/api/queue/categories')).body;
    expect(cats.categories.map((c: any) => c.category)).toEqual([1, 4, 7]);
    expect(cats.priorityReasons.map((r: any) => r.name)).toContain('孕妇');
    const a = await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      number: 'A001',
      state: 'waiting',
      stateName: '等候中',
      ahead: 0,
      categoryName: '企业开办与市场准入',
    });
    expect((await anon.post('/api/queue/tickets', { via: 'phone', category: 4, phone: phoneOf(1) })).body.number).toBe(
      'D001',
    );
    const byId = await anon.post('/api/queue/tickets', {
      via: 'id-card',
      category: 1,
      idNumber: residentId('19900307'),
    });
    expect(byId.body).toMatchObject({ number: 'A002', ahead: 1, lane: 'normal' });
  });

  it('takes the phone for the SMS from the resident register when only the ID card is read', async () => {
    await app.node.services.residents.remember(APPLICANT, { id: 'staff:zhang', org: ORG }, START);
    const t = await anon.post('/api/queue/tickets', { via: 'id-card', category: 1, idNumber: APPLICANT.idNumber });
    expect(t.body).toMatchObject({ lane: 'priority', priorityName: '老年人' });
    await app.queue.settled();
    expect(sms.sent).toEqual([
      {
        phone: APPLICANT.phone,
        template: 'queue.two-ahead',
        params: expect.objectContaining({ number: 'A001', ahead: '0' }),
      },
    ]);
  });

  it('refuses an unserved category, a bad ID number and a bad phone, issuing nothing', async () => {
    const unserved = await anon.post('/api/queue/tickets', { via: 'walk-in', category: 9 });
    expect(unserved.status).toBe(422);
    expect(unserved.body.error).toMatchObject({ code: 'ERR_CATEGORY_NOT_SERVED', issues: [{ field: 'category' }] });
    expect(unserved.body.error.message.zh).toBe('本大厅不办理该类业务');
    const badId = await anon.post('/api/queue/tickets', {
      via: 'id-card',
      category: 1,
      idNumber: '110105199003070010',
    });
    expect(badId.status).toBe(400);
    expect(badId.body.error.issues[0].field).toBe('body.idNumber');
    const badPhone = await anon.post('/api/queue/tickets', { via: 'phone', category: 1, phone: '12345' });
    expect(badPhone.status).toBe(400);
    expect(await issued()).toBe(0);
    expect((await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body.number).toBe('A001');
  });

  it('limits tickets per machine and per category in a minute, saying so in Chinese, and issues again the next minute', async () => {
    const kiosk = (n: number) => clientFrom(`127.0.0.${n}`, app.url);
    // One machine: twelve a minute.
    for (let i = 0; i < 12; i++)
      expect((await kiosk(2).post('/api/queue/tickets', { via: 'walk-in', category: 1 })).status).toBe(201);
    const tooFast = await kiosk(2).post('/api/queue/tickets', { via: 'walk-in', category: 4 });
    expect(tooFast.status).toBe(429);
    expect(tooFast.body.error).toMatchObject({
      code: 'ERR_TICKETS_TOO_FAST',
      message: { zh: expect.stringContaining('取号过于频繁') },
    });
    expect(tooFast.headers['retry-after']).toBe('60');
    // Other machines go on, until the category has issued thirty this minute.
    for (let i = 0; i < 18; i++)
      expect((await kiosk(3 + (i % 3)).post('/api/queue/tickets', { via: 'walk-in', category: 1 })).status).toBe(201);
    expect((await kiosk(6).post('/api/queue/tickets', { via: 'walk-in', category: 1 })).status).toBe(429);
    expect((await kiosk(6).post('/api/queue/tickets', { via: 'walk-in', category: 4 })).status).toBe(201);
    expect(await issued()).toBe(31);
    time.advance(1);
    expect((await kiosk(2).post('/api/queue/tickets', { via: 'walk-in', category: 1 })).status).toBe(201);
  });
});

describe('the window clerk', () => {
  it('calls, recalls, transfers, parks, resumes and finishes, with wait and serving times from the clock', async () => {
    const t = (await anon.post('/api/queue/tickets', { via: 'phone', category: 1, phone: phoneOf(1) })).body;
    time.advance(4);
    const called = await zhang.post('/api/queue/windows/w1/call');
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'A001', phone: phoneOf(1), waitMs: 4 * 60_000 });
    expect((await anon.get(`/api/queue/tickets/${t.id}`)).body).toMatchObject({
      state: 'called',
      window: { id: 'w1', name: '1号窗口' },
    });
    expect((await zhang.post('/api/queue/windows/w1/recall')).body.recalls).toBe(1);
    expect((await li.post('/api/queue/windows/w2/open')).status).toBe(200);
    time.advance(1);
    expect((await zhang.post('/api/queue/windows/w1/transfer', { to: 'w2' })).body).toMatchObject({ state: 'waiting' });
    expect((await zhang.post('/api/queue/windows/w1/call')).body.ticket).toBeNull();
    expect((await li.post('/api/queue/windows/w2/call')).body.ticket.number).toBe('A001');
    time.advance(2);
    expect((await li.post('/api/queue/windows/w2/park')).body.state).toBe('parked');
    expect((await anon.get(`/api/queue/tickets/${t.id}`)).body).toMatchObject({ state: 'parked', stateName: '暂挂' });
    time.advance(15);
    expect((await li.post('/api/queue/windows/w2/resume', { ticketId: t.id })).body.state).toBe('called');
    time.advance(3);
    const done = await li.post('/api/queue/windows/w2/finish');
    expect(done.body).toMatchObject({ state: 'finished', waitMs: 4 * 60_000, servingMs: 6 * 60_000 });
    const stats = (await director.get('/api/queue/stats')).body;
    expect(stats.categories.find((c: any) => c.category === 1)).toMatchObject({
      issued: 1,
      finished: 1,
      waiting: 0,
      averageWaitMs: 4 * 60_000,
      averageServeMs: 6 * 60_000,
    });
    await app.queue.settled();
    // Each call to a window sends one SMS — the first, the call at the window transferred to, the
    // resumption after parking; the recall and the transfer itself send none.
    expect(sms.sent.map((s) => [s.template, s.params.window ?? null])).toEqual([
      ['queue.two-ahead', null],
      ['queue.called', '1号窗口'],
      ['queue.called', '2号窗口'],
      ['queue.called', '2号窗口'],
    ]);
  });

  it("refuses calling at a closed window or another clerk's, and anyone without a clerk token; nothing changes", async () => {
    const t = (await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body;
    const closed = await li.post('/api/queue/windows/w2/call');
    expect(closed.status).toBe(409);
    expect(closed.body.error).toMatchObject({ code: 'ERR_WINDOW_CLOSED', message: { zh: '窗口未开启' } });
    const notMine = await li.post('/api/queue/windows/w1/call');
    expect(notMine.status).toBe(403);
    expect(notMine.body.error.code).toBe('ERR_WINDOW_NOT_YOURS');
    expect((await anon.post('/api/queue/windows/w1/call')).status).toBe(401);
    expect((await director.post('/api/queue/windows/w1/call')).status).toBe(403);
    expect((await zhang.post('/api/queue/windows/nope/call')).status).toBe(404);
    const noneServed = await zhang.post('/api/queue/windows/w1/finish');
    expect(noneServed.body.error.code).toBe('ERR_TICKET_STATE');
    expect((await anon.get(`/api/queue/tickets/${t.id}`)).body).toMatchObject({ state: 'waiting', ahead: 0 });
    expect(sms.sent).toEqual([]);
    // The director closes a window its clerk left open; then no one calls there.
    expect((await director.post('/api/queue/windows/w1/close')).body.open).toBe(false);
    expect((await zhang.post('/api/queue/windows/w1/call')).body.error.code).toBe('ERR_WINDOW_CLOSED');
  });

  it('re-issues a missed number into its old place within 30 minutes and refuses it after', async () => {
    const first = (await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body;
    const second = (await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body;
    await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 });
    await zhang.post('/api/queue/windows/w1/call');
    expect((await zhang.post('/api/queue/windows/w1/no-show')).body.state).toBe('no-show');
    await zhang.post('/api/queue/windows/w1/call');
    expect((await zhang.post('/api/queue/windows/w1/no-show')).body.number).toBe(second.number);
    const status = (await anon.get(`/api/queue/tickets/${first.id}`)).body;
    expect(status).toMatchObject({ state: 'no-show', stateName: '已过号', reissueUntil: '2026-11-23T02:30:00.000Z' });
    time.advance(20);
    const back = await anon.post(`/api/queue/tickets/${first.id}/reissue`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ number: 'A001', state: 'waiting', ahead: 0 });
    expect((await zhang.post('/api/queue/windows/w1/call')).body.ticket.number).toBe('A001');
    time.advance(11);
    const late = await anon.post(`/api/queue/tickets/${second.id}/reissue`);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: 'ERR_REISSUE_EXPIRED',
      detail: { reissueUntil: '2026-11-23T02:30:00.000Z' },
    });
    expect((await anon.get(`/api/queue/tickets/${second.id}`)).body.state).toBe('no-show');
  });
});

describe('appointments and the priority lane', () => {
  it('calls a due appointment first, then the priority lane, then first come', async () => {
    const booked = await zhang.post('/api/queue/appointments', {
      category: 1,
      slot: '2026-11-23T10:20:00+08:00',
      phone: phoneOf(7),
    });
    expect(booked.status).toBe(201);
    expect(
      (await anon.post('/api/queue/appointments', { category: 1, slot: '2026-11-23T03:00:00Z', phone: phoneOf(8) }))
        .status,
    ).toBe(401);
    const past = await zhang.post('/api/queue/appointments', {
      category: 1,
      slot: '2026-11-23T01:00:00Z',
      phone: phoneOf(8),
    });
    expect(past.body.error.issues[0].field).toBe('slot');
    await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 });
    await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1, priority: 'disabled' });
    const mine = await anon.post('/api/queue/tickets', {
      via: 'phone',
      category: 1,
      phone: phoneOf(7),
      appointmentId: booked.body.id,
    });
    expect(mine.body.lane).toBe('appointment');
    const reused = await anon.post('/api/queue/tickets', {
      via: 'walk-in',
      category: 1,
      appointmentId: booked.body.id,
    });
    expect(reused.body.error.code).toBe('ERR_APPOINTMENT_INVALID');
    time.set('2026-11-23T02:20:00.000Z');
    await login();
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      order.push((await zhang.post('/api/queue/windows/w1/call')).body.ticket.number);
      await zhang.post('/api/queue/windows/w1/finish');
    }
    expect(order).toEqual(['A003', 'A002', 'A001']);
  });
});

describe('booking (预约) over HTTP', () => {
  it("books a matter only if residents may book it here and it is of the category; offers the working days' slots", async () => {
    const book = (matterCode: string, category: number) =>
      zhang.post('/api/queue/appointments', {
        category,
        matterCode,
        slot: '2026-11-23T11:00:00+08:00',
        phone: phoneOf(5),
      });
    const notBookable = await book('DC-MZ-001', 7);
    expect(notBookable.status).toBe(422);
    expect(notBookable.body.error).toMatchObject({ code: 'ERR_NOT_BOOKABLE', issues: [{ field: 'matterCode' }] });
    expect((await book('DC-SCJG-001', 1)).body.error.code).toBe('ERR_MATTER_LEVEL');
    expect((await book('DC-SCJG-003', 7)).body.error.issues[0].field).toBe('category');
    expect((await book('NO-SUCH', 1)).body.error.issues[0].field).toBe('matterCode');
    const booked = await book('DC-SCJG-003', 1);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      matterCode: 'DC-SCJG-003',
      matterName: '食品经营许可（开办餐饮服务单位并联审批）',
      category: 1,
      state: 'booked',
    });

    const slots = (await anon.get('/api/queue/slots?category=1')).body;
    expect(slots.slotMinutes).toBe(30);
    // Monday 23 November 10:00: that day's slots from 10:30, then working days only (no Saturday 28th, no Sunday 29th).
    expect(slots.days[0].date).toBe('2026-11-23');
    expect(slots.days[0].slots[1]).toEqual({ slot: '2026-11-23T11:00:00+08:00', capacity: 4, booked: 1 });
    expect(slots.days.map((d: any) => d.date)).not.toContain('2026-11-28');
    expect(slots.days.map((d: any) => d.date)).toContain('2026-11-30');
    expect((await anon.get('/api/queue/slots?category=99')).status).toBe(400);

    // Whoever holds the appointment's id cancels it, and learns nothing of whose it was.
    const cancelled = await anon.post(`/api/queue/appointments/${booked.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: booked.body.id, state: 'cancelled' });
    expect(cancelled.body).not.toHaveProperty('phone');
    expect(cancelled.body).not.toHaveProperty('idNumber');
    expect(JSON.stringify(cancelled.body)).not.toContain(phoneOf(5));
  });
});

describe('the calling screen', () => {
  it('streams a call to a connected screen and shows it in the snapshot, with no personal data', async () => {
    await anon.post('/api/queue/tickets', { via: 'phone', category: 1, phone: phoneOf(3) });
    const screen = await sseClient(`${app.url}/api/queue/screen/stream`);
    try {
      const first = JSON.parse((await screen.next('snapshot')).data);
      expect(first.windows.find((w: any) => w.id === 'w1')).toMatchObject({ open: true, serving: null });
      await zhang.post('/api/queue/windows/w1/call');
      const called = await screen.next('called');
      expect(JSON.parse(called.data)).toMatchObject({
        kind: 'called',
        number: 'A001',
        windowId: 'w1',
        windowName: '1号窗口',
      });
      await zhang.post('/api/queue/windows/w1/recall');
      expect(JSON.parse((await screen.next('recalled')).data).number).toBe('A001');
      expect(screen.events.map((e) => e.data).join('')).not.toContain(phoneOf(3));
    } finally {
      screen.close();
    }
    await eventually(() => app.queue.screens === 0, 5_000, 'the screen to be let go');
    const snap = (await anon.get('/api/queue/screen')).body;
    expect(snap.windows.find((w: any) => w.id === 'w1').serving).toBe('A001');
    expect(snap.recentCalls[0]).toMatchObject({ number: 'A001', windowName: '1号窗口', kind: 'recalled' });
    expect(JSON.stringify(snap)).not.toContain(phoneOf(3));
  });

  it('shows a resident his own ticket by its id, without his phone or ID number, and nothing for a wrong id', async () => {
    const idNumber = residentId('19900307');
    const t = (await anon.post('/api/queue/tickets', { via: 'id-card', category: 1, idNumber, phone: phoneOf(4) }))
      .body;
    const res = await anon.get(`/api/queue/tickets/${t.id}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(new RegExp(`${idNumber}|${phoneOf(4)}`));
    expect((await anon.get('/api/queue/tickets/20261123-0000000000')).status).toBe(404);
    expect((await anon.get('/api/queue/tickets/A001')).status).toBe(400);
  });
});

describe('restart', () => {
  it('keeps tickets, windows, the clerk binding and the numbering when the queue is reopened on the same folder', async () => {
    const t = (await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body;
    await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 });
    await zhang.post('/api/queue/windows/w1/call');
    const before = (await director.get('/api/queue/windows')).body;
    await app.restart();
    await login();
    expect((await director.get('/api/queue/windows')).body).toEqual(before);
    expect((await anon.get(`/api/queue/tickets/${t.id}`)).body).toMatchObject({
      state: 'called',
      window: { id: 'w1' },
    });
    expect((await anon.post('/api/queue/tickets', { via: 'walk-in', category: 1 })).body.number).toBe('A003');
    await zhang.post('/api/queue/windows/w1/finish');
    expect((await zhang.post('/api/queue/windows/w1/call')).body.ticket.number).toBe('A002');
  });
});
