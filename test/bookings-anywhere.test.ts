import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingDoc } from '../sync/index.js';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { startSmsGateway } from '../identity/testing/sms-gateway.js';
import { client, clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { futureMonday } from './support/future-monday.js';
import { phoneOf, residentId } from './support/queue-fixtures.js';
import { signUpResident } from './support/sign-up-resident.js';
import { tempDir } from './support/temp-dir.js';

// 预约 at any hall: residents signed in at 皇城根's portal book 南池子 (another street's station),
// over HTTP through a real hub. 南池子 alone admits each booking against its slots' capacity.
const PORTAL = 'dongcheng/jingshan/huangchenggen';
const CHOSEN = 'dongcheng/donghuamen/nanchizi';
// Above both: the district center holds what its halls hold (a node sees what has a party at or below it).
const CENTER = 'dongcheng';
const MATTER = { code: 'DC-CL-001', category: 8 };
const PASSWORD = 'booking-pass-1';
const ZHANG = { name: '张三', idNumber: residentId('19700101', 11), phone: phoneOf(11), password: 'resident-pass-1' };
const LI = { name: '李四', idNumber: residentId('19750505', 12), phone: phoneOf(12), password: 'resident-pass-1' };

// The district's clock starts on a Monday 09:00 in Beijing after the real time, and runs on from
// there: the slots below are that day's, so the test holds at any real time of day. The last test
// moves it a month on.
const base = futureMonday().getTime() - 60 * 60_000;
const started = Date.now();
/** How far the district's clock is moved on past its running time: the keeping of personal data is a month. */
let ahead = 0;
const clock = () => new Date(base + ahead + (Date.now() - started));
/** `hh:mm` Beijing time of the test's Monday, as the slot the portal offers. */
const slotAt = (hhmm: string) =>
  new Date(base - 9 * 3_600_000 + Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3)) * 60_000).toISOString();

const dir = tempDir('hallnet-bookings-');
let district: RunningDistrict;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
/** The SMS texts sent to a phone so far. */
const texts = (phone: string) =>
  sms.received.filter((r) => r.body.phone === phone).map((r) => r.body.params.text ?? '');
const url = (org: string) => district.nodes.get(org)!.url;

/** A resident logged in at `org`'s portal (the identity service answers through its relay). */
async function residentAt(org: string, r: typeof ZHANG): Promise<Client> {
  const res = await client(url(org)).post('/identity/login', {
    kind: 'resident',
    login: r.phone,
    password: r.password,
  });
  if (res.status !== 200) throw new Error(`login at ${org}: ${res.status} ${JSON.stringify(res.body)}`);
  return client(url(org), res.body.accessToken as string);
}

/** The resident's booking `id` as `at` holds it, once it is no longer a request. */
async function decided(at: Client, id: string, state = /booked|refused/) {
  return eventually(
    async () => {
      const mine = await at.get('/api/bookings/mine');
      const b = (mine.body.items as { id: string; state: string; appointmentId?: string }[]).find((x) => x.id === id);
      return b && state.test(b.state) ? b : undefined;
    },
    30_000,
    `booking ${id} ${state}`,
  );
}

beforeAll(async () => {
  sms = await startSmsGateway();
  district = await startDistrict({
    dir: dir.path,
    clock,
    smsUrl: sms.url,
    nodes: [
      { org: CENTER },
      { org: PORTAL },
      {
        org: CHOSEN,
        staff: [{ account: 'clerk.ncz', name: '孙伟', roles: ['clerk'], password: PASSWORD }],
        // One window for category 8: each slot takes two appointments.
        windows: [{ id: 'w1', name: '1号窗口', categories: [MATTER.category] }],
      },
    ],
  });
  for (const node of district.nodes.values())
    await eventually(() => node.services.reference.catalogue.size > 0, 30_000, 'catalogue');
  await eventually(() => district.nodes.get(CHOSEN)!.services.queue.windows().length === 1, 30_000, 'window');
  for (const r of [ZHANG, LI]) expect((await signUpResident(url(PORTAL), join(dir.path, 'hub'), r)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await district?.close();
  await sms?.close();
  dir.remove();
});

describe('预约 at any hall of the district, from any portal', () => {
  it('the portal offers the other hall its bookable matters and published slots of working days', async () => {
    const zhang = await residentAt(PORTAL, ZHANG);
    const halls = await zhang.get('/api/bookings/halls');
    expect(halls.body.items).toContainEqual({ org: CHOSEN, name: '南池子社区服务站', here: false });
    const offer = await zhang.get(`/api/bookings/offer?hall=${encodeURIComponent(CHOSEN)}`);
    expect(offer.status).toBe(200);
    const category = offer.body.categories.find((c: { category: number }) => c.category === MATTER.category);
    expect(category.matters.map((m: { code: string }) => m.code)).toContain(MATTER.code);
    // The test's Monday is a working day ahead: its 11:00 is offered, as Beijing time.
    const monday = offer.body.days[0];
    expect(new Date(slotAt('11:00')).getTime()).toBe(Date.parse(`${monday.date}T11:00:00+08:00`));
    expect(monday.slots).toContain(`${monday.date}T11:00:00+08:00`);
    expect(monday.slots).not.toContain(`${monday.date}T09:00:00+08:00`);
  });

  it('the chosen hall admits a booking within its capacity and refuses the one over it, with the reason in Chinese', async () => {
    // A clerk at 南池子 books a caller into the 11:00 slot first: one place of two left.
    const desk = await clerkClient(url(CHOSEN), 'clerk.ncz', PASSWORD);
    expect(
      (await desk.post('/api/queue/appointments', { category: 8, slot: slotAt('11:00'), phone: phoneOf(99) })).status,
    ).toBe(201);

    const zhang = await residentAt(PORTAL, ZHANG);
    const asked = await zhang.post('/api/bookings', { hall: CHOSEN, matterCode: MATTER.code, slot: slotAt('11:00') });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ state: 'requested', hall: CHOSEN, hallName: '南池子社区服务站', category: 8 });
    const booked = await decided(zhang, asked.body.id);
    expect(booked).toMatchObject({ state: 'booked', appointmentId: expect.any(String) });

    const li = await residentAt(PORTAL, LI);
    const over = await li.post('/api/bookings', { hall: CHOSEN, matterCode: MATTER.code, slot: slotAt('11:00') });
    expect(over.status).toBe(202);
    expect(await decided(li, over.body.id)).toMatchObject({ state: 'refused', reason: '该时段已约满，请选择其他时段' });

    // The chosen hall tells each by SMS: the slot admitted, or the refusal with its reason.
    const slot = `${new Date(Date.parse(slotAt('11:00')) + 8 * 3_600_000).getUTCMonth() + 1}月`;
    const admitted = await eventually(() => texts(ZHANG.phone).find((t) => t.includes('已确认')), 20_000, 'SMS');
    expect(admitted).toMatch(new RegExp(`^【南池子社区服务站】您预约的“残疾人证核发”已确认：${slot}\\d+日 11:00，`));
    const refused = await eventually(() => texts(LI.phone).find((t) => t.includes('未能预约')), 20_000, 'SMS');
    expect(refused).toContain('（原因：该时段已约满，请选择其他时段）');
    expect(refused).toContain(' 11:00）');

    // 张三 sees his booking at the hall he booked too, and 南池子's queue holds it under his ID number and phone.
    const there = await residentAt(CHOSEN, ZHANG);
    expect(await decided(there, asked.body.id)).toMatchObject({ state: 'booked', hallName: '南池子社区服务站' });
    const own = district.nodes.get(CHOSEN)!.services.queue.appointmentsOf({ phone: ZHANG.phone });
    expect(own).toMatchObject([{ id: booked.appointmentId, state: 'booked', matterCode: MATTER.code }]);

    // At 南池子's kiosk his phone checks him in: an appointment ticket, called first once his time comes.
    const ticket = await client(url(CHOSEN)).post('/api/queue/tickets', {
      category: 8,
      via: 'phone',
      phone: ZHANG.phone,
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    expect(ticket.body).toMatchObject({ lane: 'appointment', appointmentSlot: slotAt('11:00') });
    // The hall marks the booking checked in, and the portal that took it shows that too.
    await district.nodes.get(CHOSEN)!.services.bookings.lookAgain();
    expect(await decided(zhang, asked.body.id, /checked-in/)).toMatchObject({ state: 'checked-in' });
    expect((await zhang.post(`/api/bookings/${asked.body.id}/cancel`)).status).toBe(422);
  });

  it('a booking cancelled at the portal cancels the appointment at the chosen hall', async () => {
    const li = await residentAt(PORTAL, LI);
    const asked = await li.post('/api/bookings', { hall: CHOSEN, matterCode: MATTER.code, slot: slotAt('14:30') });
    const booked = await decided(li, asked.body.id);
    expect(booked.state).toBe('booked');
    const cancelled = await li.post(`/api/bookings/${asked.body.id}/cancel`);
    expect(cancelled.body).toMatchObject({ state: 'cancelled' });
    // Again: the same answer, nothing written twice.
    expect((await li.post(`/api/bookings/${asked.body.id}/cancel`)).body).toMatchObject({ state: 'cancelled' });
    const queue = district.nodes.get(CHOSEN)!.services.queue;
    await eventually(
      () => queue.appointmentsOf({ phone: LI.phone }).find((a) => a.id === booked.appointmentId)?.state === 'cancelled',
      30_000,
      'the appointment cancelled at the chosen hall',
    );
    // Another resident cannot cancel it, nor see it.
    const zhang = await residentAt(PORTAL, ZHANG);
    expect((await zhang.post(`/api/bookings/${asked.body.id}/cancel`)).status).toBe(404);
  });

  it('the center above both halls shows the booking as its read rule holds it, but only the two halls cancel it', async () => {
    const zhang = await residentAt(PORTAL, ZHANG);
    const asked = await zhang.post('/api/bookings', { hall: CHOSEN, matterCode: MATTER.code, slot: slotAt('16:00') });
    expect(asked.body).toMatchObject({ cancellable: true, takenAtName: '皇城根社区服务站' });
    await decided(zhang, asked.body.id);
    const atCenter = await residentAt(CENTER, ZHANG);
    const seen = await decided(atCenter, asked.body.id);
    expect(seen).toMatchObject({ state: 'booked', here: false, cancellable: false, hallName: '南池子社区服务站' });
    const refused = await atCenter.post(`/api/bookings/${asked.body.id}/cancel`);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'ERR_FORBIDDEN']);
    // Another resident at the center sees none of it.
    const li = await residentAt(CENTER, LI);
    expect((await li.get('/api/bookings/mine')).body.items.map((b: { id: string }) => b.id)).not.toContain(
      asked.body.id,
    );
    expect((await zhang.post(`/api/bookings/${asked.body.id}/cancel`)).body).toMatchObject({ state: 'cancelled' });
  });

  it('a booking made while the hub is down reaches the chosen hall once the line is back (offline-safe)', async () => {
    const zhang = await residentAt(PORTAL, ZHANG);
    await district.stopHub();
    try {
      const asked = await zhang.post('/api/bookings', { hall: CHOSEN, matterCode: 'DC-CL-002', slot: slotAt('15:00') });
      expect(asked.status, JSON.stringify(asked.body)).toBe(202);
      expect((await zhang.get('/api/bookings/mine')).body.items).toContainEqual(
        expect.objectContaining({ id: asked.body.id, state: 'requested' }),
      );
      await district.startHub();
      expect(await decided(zhang, asked.body.id)).toMatchObject({ state: 'booked' });
    } finally {
      if (!district.hub) await district.startHub();
    }
  });

  it('plain mistakes are 4xx at the portal, naming the field', async () => {
    const zhang = await residentAt(PORTAL, ZHANG);
    const noHall = await zhang.post('/api/bookings', {
      hall: 'dongcheng/nowhere',
      matterCode: MATTER.code,
      slot: slotAt('11:00'),
    });
    expect(noHall).toMatchObject({ status: 400, body: { error: { issues: [{ field: 'hall' }] } } });
    const offSlot = await zhang.post('/api/bookings', { hall: CHOSEN, matterCode: MATTER.code, slot: slotAt('11:10') });
    expect(offSlot).toMatchObject({ status: 400, body: { error: { issues: [{ field: 'slot' }] } } });
    const notBookable = await zhang.post('/api/bookings', {
      hall: CHOSEN,
      matterCode: 'DC-GA-002',
      slot: slotAt('11:00'),
    });
    expect(notBookable.status).toBe(422);
    expect(
      (
        await client(url(PORTAL)).post('/api/bookings', {
          hall: CHOSEN,
          matterCode: MATTER.code,
          slot: slotAt('11:00'),
        })
      ).status,
    ).toBe(401);
  });

  it("past the keeping, the chosen hall erases its bookings' ID numbers and phones, and the erasure reaches the portal's hall", async () => {
    const held = async (org: string) =>
      (
        await district.nodes
          .get(org)!
          .services.db.allDocs({ startkey: 'booking:', endkey: 'booking:\uffff', include_docs: true })
      ).rows.map((r) => r.doc as unknown as BookingDoc);
    const desk = district.nodes.get(CHOSEN)!.services.bookings;
    const before = await held(PORTAL);
    expect(before.length).toBeGreaterThanOrEqual(4);
    expect(before.every((d) => d.resident.idNumber && d.resident.phone && !d.erasedAt)).toBe(true);
    // 29 days on, every booking keeps them still: the keeping is 30 days after the slot.
    ahead = 29 * 86_400_000;
    await desk.lookAgain();
    expect((await held(CHOSEN)).every((d) => d.resident.idNumber && !d.erasedAt)).toBe(true);
    // A month and a day on, 南池子 erases them from every booking it decided, and 皇城根 holds the erasure too.
    ahead = 31 * 86_400_000;
    await desk.lookAgain();
    for (const org of [CHOSEN, PORTAL])
      await eventually(
        async () => {
          const docs = await held(org);
          return (
            docs.length === before.length && docs.every((d) => d.erasedAt && !d.resident.idNumber && !d.resident.phone)
          );
        },
        30_000,
        `bookings erased at ${org}`,
      );
    // What the booking was stays: its state, slot, matter, appointment and whose it is.
    const kept = (d: BookingDoc) => [
      d._id,
      d.state,
      d.slot,
      d.matterCode,
      d.appointmentId,
      d.resident.account,
      d.resident.name,
    ];
    const byId = (a: BookingDoc, b: BookingDoc) => a._id.localeCompare(b._id);
    expect((await held(PORTAL)).sort(byId).map(kept)).toEqual(before.sort(byId).map(kept));
    const zhang = await residentAt(PORTAL, ZHANG);
    expect((await zhang.get('/api/bookings/mine')).body.items).toContainEqual(
      expect.objectContaining({ state: 'checked-in', hall: CHOSEN }),
    );
  });
});
