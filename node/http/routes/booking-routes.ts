import { z } from 'zod';
import { anyone, HallnetError, levelOfPath, orgPathSchema, resident } from '../../../sync/index.js';
import { acceptsHere } from '../../domain/accepts-here.js';
import { chinaDate } from '../../domain/working-days.js';
import { bookableHalls, bookingsOf, cancelBooking, requestBooking } from '../../bookings/resident-bookings.js';
import { beijingIso, publishedSlots } from '../../queue/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { residentOf } from './my-cases-routes.js';

const DAY_MS = 86_400_000;
const hallQuery = z.object({ hall: orgPathSchema });
const bookingBody = z.object({
  hall: orgPathSchema,
  matterCode: z.string().min(1).max(50),
  slot: z.iso.datetime({ offset: true }),
});
const bookingParams = z.object({ id: z.uuid() });

/**
 * 预约 at any hall of the district from this hall's portal: the halls, what each offers to book,
 * the resident's request (a replicated booking the chosen hall admits or refuses), his bookings
 * with their state, and cancelling one. Booking at this hall with live capacity stays at
 * /api/queue/appointments.
 */
export function registerBookingRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/bookings/halls',
      tag: 'queue',
      summary: 'The halls of the district a resident may book an appointment at',
      access: anyone,
    },
    (c) => c.json({ items: bookableHalls(s) }),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/bookings/offer',
      tag: 'queue',
      summary:
        "What a hall offers to book: its bookable matters by category, and the published slots on the working days ahead (that hall decides each booking against its own slots' capacity)",
      access: anyone,
      query: hallQuery,
    },
    (c, { query }) => {
      const level = levelOfPath(query.hall);
      if (!bookableHalls(s).some((h) => h.org === query.hall) || level === undefined)
        throw new HallnetError('ERR_VALIDATION', `no hall ${query.hall}`, {
          issues: [{ field: 'hall', reason: 'no such hall / 没有这个服务大厅' }],
        });
      const matters = s.reference.catalogue
        .search({})
        .filter((m) => m.bookable && acceptsHere(m, query.hall, level))
        .map((m) => ({ code: m.code, name: m.name, category: m.category }));
      const categories = [...new Set(matters.map((m) => m.category))]
        .sort((a, b) => a - b)
        .map((category) => ({
          category,
          name: s.reference.categories.get(category)?.name ?? String(category),
          matters: matters.filter((m) => m.category === category).map(({ code, name }) => ({ code, name })),
        }));
      const now = s.clock();
      const days = [];
      for (let i = 0; i <= s.queue.rules.bookingDays; i++) {
        const date = chinaDate(new Date(now.getTime() + i * DAY_MS));
        if (!s.reference.calendar.isWorkingDay(date)) continue;
        const slots = publishedSlots(date, s.queue.rules, now)
          .filter((at) => at <= now.getTime() + s.queue.rules.bookingDays * DAY_MS)
          .map(beijingIso);
        if (slots.length) days.push({ date, slots });
      }
      return c.json({ hall: query.hall, hallName: s.reference.orgName(query.hall), categories, days });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/bookings',
      tag: 'queue',
      summary:
        "Book an appointment at any hall of the district (the resident for himself): written here as a request, admitted or refused by that hall once it reaches it; 202 with the request's state",
      access: resident,
      body: bookingBody,
    },
    async (c, { body, principal }) => c.json(await requestBooking(s, residentOf(principal), body), 202),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/bookings/mine',
      tag: 'queue',
      summary:
        "The signed-in resident's bookings this hall holds (taken here or for here): requested, booked, refused with the hall's reason, or cancelled",
      access: resident,
    },
    async (c, { principal }) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await bookingsOf(s, residentOf(principal)) });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/bookings/:id/cancel',
      tag: 'queue',
      summary: "Cancel the signed-in resident's own booking, at the hall that took it or the hall it is for",
      access: resident,
      params: bookingParams,
    },
    async (c, { params, principal }) => c.json(await cancelBooking(s, residentOf(principal), params.id)),
  );
}
