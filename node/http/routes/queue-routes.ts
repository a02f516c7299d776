import { streamFeed } from '../stream-feed.js';
import type { StreamSlots } from '../stream-slots.js';
import { z } from 'zod';
import {
  anyone,
  HallnetError,
  parseOrThrow,
  RateLimiter,
  resident,
  residentOrStaff,
  staff,
} from '../../../sync/index.js';
import {
  PRIORITY_REASONS,
  PRIORITY_REASON_NAMES,
  bookingFieldsSchema,
  bookingRequestSchema,
  issueRequestSchema,
  mobileSchema,
  queueIdSchema,
  windowActionSchema,
  windowIdSchema,
  windowSetupSchema,
  type HallQueue,
  type QueueActor,
  type ScreenEvent,
  type WindowAction,
} from '../../queue/index.js';
import type { NodeServices } from '../../services.js';
import type { Principal } from '../../../identity/index.js';
import type { NodeRoutes } from '../env.js';
import { nodeClientAddress } from '../../../identity/adapter/node/index.js';
import { bookableMatter } from '../../domain/bookable-matter.js';
import { chinaDate } from '../../domain/working-days.js';

const transferBody = z.object({ to: windowIdSchema });
const resumeBody = z.object({ ticketId: queueIdSchema });

const idParams = z.object({ id: queueIdSchema });
const slotsQuery = z.object({ category: z.coerce.number().int().min(1).max(15) });
const DAY_MS = 86_400_000;
const windowParams = z.object({ id: windowIdSchema });

/** The member of staff acting at a window, from the verified token. */
function actorOf(p: Principal | undefined): QueueActor {
  if (p?.kind !== 'staff') throw new HallnetError('ERR_UNAUTHENTICATED');
  return { id: p.id, name: p.name, director: p.roles.includes('director') };
}

/**
 * 取号叫号 at the hall: the ticket machine, the resident's own ticket, appointments, the window
 * clerk's actions, the director's window setup, and the calling screen (JSON and a live SSE feed).
 */
export function registerQueueRoutes(routes: NodeRoutes, s: NodeServices, queue: HallQueue, streams: StreamSlots): void {
  const perKiosk = new RateLimiter(queue.rules.ticketsPerKioskPerMinute, 60_000, s.clock);
  const perCategory = new RateLimiter(queue.rules.ticketsPerCategoryPerMinute, 60_000, s.clock);
  /** Counts a ticket against its machine and its category; past either limit the kiosk says so in plain words. */
  const limitTickets = (kiosk: string, category: number) => {
    try {
      perKiosk.hit(kiosk);
      perCategory.hit(`category:${category}`);
    } catch (err) {
      if (!(err instanceof HallnetError)) throw err;
      throw new HallnetError('ERR_TICKETS_TOO_FAST', err.message, { detail: err.detail });
    }
  };
  routes.add(
    {
      method: 'get',
      path: '/api/queue/categories',
      tag: 'queue',
      summary: 'The categories the ticket machine offers, with how many wait, and the priority lane reasons',
      access: anyone,
    },
    (c) =>
      c.json({
        categories: queue.snapshot().waiting,
        priorityReasons: PRIORITY_REASONS.map((id) => ({ id, name: PRIORITY_REASON_NAMES[id] })),
      }),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/tickets',
      tag: 'queue',
      summary: 'Take a ticket (取号) by ID card, phone or as a walk-in',
      access: anyone,
      body: issueRequestSchema,
    },
    async (c, { body }) => {
      limitTickets(nodeClientAddress(c), body.category);
      let req = body;
      if (req.via === 'id-card' && !req.phone) {
        // The ID card alone is enough: the phone for the SMS comes from the resident register (一表一库) when it knows one.
        const known = await s.residents
          .find('resident-id', req.idNumber)
          .catch((err: unknown) => s.logger.warn({ err }, 'resident register not read'));
        if (known && mobileSchema.safeParse(known.phone).success) req = { ...req, phone: known.phone };
      }
      return c.json(await queue.issue(req), 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/tickets/:id',
      tag: 'queue',
      summary: "A ticket's state and how many are ahead, for whoever holds its id (slip, SMS link)",
      access: anyone,
      params: idParams,
    },
    async (c, { params }) => {
      const t = await queue.ticket(params.id);
      if (!t) throw new HallnetError('ERR_NOT_FOUND', 'no such ticket');
      return c.json(t);
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/tickets/:id/reissue',
      tag: 'queue',
      summary: '过号补号: put a missed ticket back at its old place, within the time allowed',
      access: anyone,
      params: idParams,
    },
    async (c, { params }) => c.json(await queue.reissue(params.id)),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/appointments',
      tag: 'queue',
      summary:
        "Book an appointment (预约): a resident for himself, a bookable matter in a published slot on a working day; a clerk for a caller at the time agreed; within the slot's capacity",
      access: residentOrStaff('clerk', 'director'),
      body: bookingFieldsSchema,
    },
    async (c, { body, principal }) => {
      const resident = principal?.kind === 'resident';
      const mine = resident ? { idNumber: principal.idNumber, phone: principal.phone } : {};
      if (resident && !body.matterCode)
        throw new HallnetError('ERR_VALIDATION', 'matterCode required', {
          issues: [{ field: 'matterCode', reason: 'choose the matter / 请选择要办理的事项' }],
        });
      const matterName = body.matterCode
        ? bookableMatter(s.reference.catalogue, body.matterCode, s.org, body.category).name
        : undefined;
      if (resident && !s.reference.calendar.isWorkingDay(chinaDate(new Date(body.slot)))) {
        throw new HallnetError('ERR_VALIDATION', 'slot on a day the hall is closed', {
          issues: [{ field: 'slot', reason: 'the hall is closed that day / 该日为休息日，大厅不办公' }],
        });
      }
      const req = parseOrThrow(
        bookingRequestSchema,
        { ...body, ...mine, ...(matterName ? { matterName } : {}) },
        { where: 'body' },
      );
      return c.json(await queue.book(req, `${principal!.kind}:${principal!.id}`, resident), 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/appointments/mine',
      tag: 'queue',
      summary: "The signed-in resident's appointments at this hall from today on",
      access: resident,
    },
    (c, { principal: p }) => {
      if (p?.kind !== 'resident') throw new HallnetError('ERR_UNAUTHENTICATED');
      return c.json({
        items: queue
          .appointmentsOf({ idNumber: p.idNumber, phone: p.phone })
          .map((a) => ({ ...a, categoryName: s.reference.categories.get(a.category)?.name ?? String(a.category) })),
      });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/slots',
      tag: 'queue',
      summary:
        "A category's bookable slots on the hall's working days ahead (within bookingDays), with capacity and bookings",
      access: anyone,
      query: slotsQuery,
    },
    (c, { query }) => {
      const now = s.clock();
      const days = [];
      for (let i = 0; i <= queue.rules.bookingDays; i++) {
        const date = chinaDate(new Date(now.getTime() + i * DAY_MS));
        if (!s.reference.calendar.isWorkingDay(date)) continue;
        const slots = queue
          .slots(query.category, date)
          .filter((x) => Date.parse(x.slot) <= now.getTime() + queue.rules.bookingDays * DAY_MS);
        if (slots.length) days.push({ date, slots });
      }
      return c.json({ category: query.category, slotMinutes: queue.rules.slotMinutes, days });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/appointments/:id/cancel',
      tag: 'queue',
      summary: 'Cancel a booked appointment, for whoever holds its id',
      access: anyone,
      params: idParams,
    },
    async (c, { params }) => {
      // The id is all the caller shows: the answer names the appointment, not whose it is.
      const { idNumber: _id, phone: _phone, bookedBy: _by, ...cancelled } = await queue.cancelAppointment(params.id);
      return c.json(cancelled);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/queue/windows',
      tag: 'queue',
      summary: 'The windows: categories, clerk, the ticket served, those parked, how many wait',
      // The admin sets windows up (queue.manage) and so reads them too.
      access: staff('clerk', 'director', 'supervisor', 'admin'),
    },
    (c) => c.json({ items: queue.windows() }),
  );
  routes.add(
    {
      method: 'put',
      path: '/api/queue/windows/:id',
      tag: 'queue',
      summary: "Create a window or set its name and categories (the hall's director)",
      access: staff('director', 'admin'),
      right: 'queue.manage',
      params: windowParams,
      body: windowSetupSchema,
    },
    async (c, { params, body }) => c.json(await queue.setupWindow(params.id, body)),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/windows/:id/open',
      tag: 'queue',
      summary: 'Open a window; it is bound to the clerk who opens it',
      access: staff('clerk'),
      params: windowParams,
    },
    async (c, { params, principal }) => c.json(await queue.openWindow(params.id, actorOf(principal))),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/windows/:id/close',
      tag: 'queue',
      summary: 'Close a window (its clerk, or the director)',
      access: staff('clerk', 'director'),
      params: windowParams,
    },
    async (c, { params, principal }) => c.json(await queue.closeWindow(params.id, actorOf(principal))),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/queue/windows/:id/call',
      tag: 'queue',
      summary: 'Call the next ticket: due appointments, then the priority lane, then first come',
      access: staff('clerk'),
      params: windowParams,
    },
    async (c, { params, principal }) => c.json({ ticket: await queue.callNext(params.id, actorOf(principal)) }),
  );
  const act = (kind: WindowAction['kind'], summary: string, body?: z.ZodObject) =>
    routes.add(
      {
        method: 'post',
        path: `/api/queue/windows/:id/${kind}`,
        tag: 'queue',
        summary,
        access: staff('clerk'),
        params: windowParams,
        ...(body ? { body } : {}),
      },
      async (c, input) => {
        const action = parseOrThrow(
          windowActionSchema,
          { ...(input.body as object | undefined), kind },
          { where: 'body' },
        );
        const clerk = actorOf(input.principal);
        const ticket = await queue.act(input.params.id, clerk, action);
        if (action.kind !== 'finish') return c.json(ticket);
        // The visit is over while the resident is still at the counter: his window's device offers the rating.
        return c.json({
          ...ticket,
          ratingOffer: await s.supervision.ratings.offerWhenFinished(clerk, { ticketId: ticket.id }),
        });
      },
    );
  act('recall', 'Announce the ticket at this window again (screen only, no new SMS)');
  act('no-show', 'The called resident did not come; the ticket may be re-issued for a while');
  act('transfer', 'Send the ticket to another open window, in its old place there', transferBody);
  act('park', '暂挂: set the ticket aside (the resident fetches something); the window is free');
  act('resume', 'Call a parked ticket back to this window', resumeBody);
  act(
    'finish',
    "Finish serving the ticket at this window; the window's rating device offers the visit's rating (ratingOffer)",
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/missed',
      tag: 'queue',
      summary: "Today's missed tickets that may still be re-issued (过号补号), for the clerks' panel",
      access: staff('clerk', 'director'),
    },
    (c) => c.json({ items: queue.missed() }),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/stats',
      tag: 'queue',
      summary: "Today's queue length, average wait and serving time per category",
      access: staff('clerk', 'director', 'supervisor'),
    },
    (c) => c.json(queue.stats()),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/queue/screen',
      tag: 'queue',
      summary: "The calling screen's picture now: windows, latest calls, waiting per category",
      access: anyone,
    },
    (c) => c.json(queue.snapshot()),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/queue/screen/stream',
      tag: 'queue',
      summary: 'The calling screen live (Server-Sent Events): a snapshot, then every call and change',
      access: anyone,
    },
    (c) =>
      streamFeed<ScreenEvent>(
        c,
        {
          snapshot: () => queue.snapshot(),
          subscribe: (l) => queue.subscribe(l),
          name: (e) => e.kind,
          id: (e) => String(e.seq),
        },
        streams,
      ),
  );
}
