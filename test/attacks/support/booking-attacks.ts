import { randomUUID } from 'node:crypto';
import { chinaDate } from '../../../node/domain/working-days.js';
import type { BookingDoc } from '../../../sync/index.js';
import { eventually } from '../../support/eventually.js';
import { A, RESIDENT, V } from './attack-district.js';
import type { Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { proven, provenNext } from './forge-docs.js';

const DAY_MS = 86_400_000;
const MATTER = { code: 'DC-CL-001', name: '残疾人证核发', category: 8 };

/** 10:00 Beijing of the first working day after today: a published slot, whatever the time of day. */
function nextWorkingSlot(ctx: AttackContext): string {
  const calendar = ctx.d.node(A).services.reference.calendar;
  for (let i = 1; ; i++) {
    const date = chinaDate(new Date(Date.now() + i * DAY_MS));
    if (calendar.isWorkingDay(date)) return new Date(`${date}T10:00:00+08:00`).toISOString();
  }
}

/** A booking request as the portal of `scope` writes it for a resident, `o` changing what a forger changes. */
function request(ctx: AttackContext, o: Partial<BookingDoc> = {}, author = o.resident?.account): Forged {
  const scope = o.scope ?? A;
  const hall = o.hall ?? V;
  const account = o.resident?.account ?? 'resident-a';
  const doc = {
    _id: `booking:${randomUUID()}`,
    type: 'booking',
    scope,
    parties: [scope, hall],
    author: { id: `resident:${author ?? account}`, name: RESIDENT.name, org: scope },
    at: new Date().toISOString(),
    hall,
    matterCode: MATTER.code,
    matterName: MATTER.name,
    category: MATTER.category,
    slot: nextWorkingSlot(ctx),
    resident: { account, name: RESIDENT.name, idNumber: RESIDENT.idNumber, phone: RESIDENT.phone },
    state: 'requested',
    ...o,
  };
  return proven(ctx.attacker.signer, doc as unknown as Forged);
}

let honest: Promise<string> | undefined;
/** The resident's own booking at the victim station, made at the attacker's portal as he would make it; its id, once the hub holds it decided. */
function honestBooking(ctx: AttackContext): Promise<string> {
  honest ??= (async () => {
    const zhang = await ctx.d.resident(A);
    const asked = await zhang.post('/api/bookings', { hall: V, matterCode: MATTER.code, slot: nextWorkingSlot(ctx) });
    if (asked.status !== 202) throw new Error(`booking: ${asked.status} ${JSON.stringify(asked.body)}`);
    const id = `booking:${asked.body.id as string}`;
    await eventually(
      async () => ((await ctx.attacker.read(id).catch(() => undefined))?.state ?? 'requested') !== 'requested',
      30_000,
      'the victim station deciding the booking',
    );
    return id;
  })();
  return honest;
}

/** The honest booking made and decided, and the victim station's SMS of its decision sent: the attacks on it then count only their own SMS. */
export async function honestBookingTold(ctx: AttackContext): Promise<void> {
  await honestBooking(ctx);
  await eventually(
    () => ctx.d.sms.received.some((s) => s.body.phone === RESIDENT.phone && /您预约的/.test(s.body.params.text ?? '')),
    30_000,
    "the victim station's SMS of its decision",
  );
}

/** The held booking's next revision, as the attacker signs it. */
async function decidedByAttacker(ctx: AttackContext, change: Record<string, unknown>): Promise<Forged> {
  const held = await ctx.attacker.read(await honestBooking(ctx));
  return provenNext(ctx.attacker.signer, held, { ...held, ...change, author: { id: `node:${A}`, org: A } });
}

/**
 * 预约 at any hall: a station writes bookings only as its own residents' requests made at its
 * portal, and decides (and erases the personal data of) only the bookings for itself.
 */
export const BOOKING_ATTACKS: readonly Attack[] = [
  {
    name: "a booking written in another station's name (its scope, its resident)",
    via: 'bulk',
    reason: /guozijian is outside dongcheng\/jingshan\/huangchenggen/,
    forge: (ctx) =>
      request(ctx, {
        scope: V,
        hall: A,
        author: { id: 'resident:resident-v', name: '李四', org: V },
        resident: { account: 'resident-v', name: '李四', idNumber: RESIDENT.idNumber, phone: '13900000001' },
      }),
  },
  {
    name: 'a booking the station makes up itself, with no resident asking',
    via: 'pouch',
    reason: /resident's own/,
    forge: (ctx) => request(ctx, { author: { id: 'staff:clerk', name: '王窗口', org: A } }),
  },
  {
    name: "a booking one resident's session makes in another resident's name",
    via: 'put',
    reason: /resident's own/,
    forge: (ctx) =>
      request(
        ctx,
        { resident: { account: 'someone-else', name: '王五', idNumber: RESIDENT.idNumber, phone: RESIDENT.phone } },
        'resident-a',
      ),
  },
  {
    name: 'the station admits a booking for the other street’s station',
    via: 'bulk',
    reason: /only dongcheng\/andingmen\/guozijian decides/,
    forge: (ctx) =>
      decidedByAttacker(ctx, {
        state: 'booked',
        appointmentId: '20991231-AAAAAAAAAA',
        decidedAt: new Date().toISOString(),
      }),
  },
  {
    name: 'the station refuses a booking for the other street’s station',
    via: 'pouch',
    reason: /only dongcheng\/andingmen\/guozijian decides/,
    forge: (ctx) =>
      decidedByAttacker(ctx, { state: 'refused', reason: '该时段已约满', decidedAt: new Date().toISOString() }),
  },
  {
    name: 'the station erases the resident’s ID number and phone from a booking for the other street’s station',
    via: 'pouch',
    reason: /only dongcheng\/andingmen\/guozijian erases/,
    forge: async (ctx) => {
      const { account, name } = (await ctx.attacker.read(await honestBooking(ctx))).resident as BookingDoc['resident'];
      return decidedByAttacker(ctx, { resident: { account, name }, erasedAt: new Date().toISOString() });
    },
  },
];
