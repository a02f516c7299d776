import type { Context } from 'hono';
import { z } from 'zod';
import { anyone, HallnetError, ratingLevelSchema, resident, staff } from '../../../sync/index.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import { queueIdSchema, windowIdSchema } from '../../queue/index.js';
import type { DeviceEvent } from '../../ratings/device-requests.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema } from '../path-params.js';
import { RateLimiter } from '../rate-limit.js';
import { streamFeed } from '../stream-feed.js';
import { actorOf } from './case-routes.js';
import { ownCase, ownCaseParams, residentOf } from './my-cases-routes.js';

const rateBody = z.object({
  level: ratingLevelSchema,
  comment: z.string().trim().max(500).optional(),
});

const offerBody = z.union([
  z.object({ window: windowIdSchema, caseId: caseIdSchema }).strict(),
  z.object({ window: windowIdSchema, ticketId: queueIdSchema }).strict(),
]);

const tokenParams = z.object({
  token: z.string().min(10).max(400).regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'not a rating link / 评价链接无效'),
});
const windowParams = z.object({ window: windowIdSchema });

/**
 * 好差评: a resident rates his own completed case online; anyone holding a signed rating link (the
 * SMS's, or the one a window's device is offering) rates what it names; a clerk asks his window's
 * device to offer a rating. No endpoint here answers with a rating to anyone but the resident who
 * gave it: the device and the link page learn only that it was given.
 */
export function registerRatingRoutes(routes: NodeRoutes, s: NodeServices, limiter = new RateLimiter(30, 60_000, s.clock)): void {
  const r = s.supervision.ratings;
  // Every try at a link counts, valid or not: links are guessed at by walking them.
  const limit = (c: Context) => limiter.hit(clientAddress(c));
  routes.add(
    { method: 'get', path: '/api/my/cases/:id/rating', tag: 'ratings', summary: "Whether the calling resident can still rate his own case, and the rating he gave", access: resident, params: ownCaseParams },
    (c, { params, principal }) => c.json(r.residentView(ownCase(s, residentOf(principal), params.id))),
  );
  routes.add(
    { method: 'post', path: '/api/my/cases/:id/rating', tag: 'ratings', summary: 'Rate one of his own completed cases online (once; a bad rating opens a follow-up)', access: resident, params: ownCaseParams, body: rateBody },
    async (c, { params, body, principal }) => {
      const state = ownCase(s, residentOf(principal), params.id);
      await r.rateOwnCase(state, body, actorOf(principal, s.org));
      return c.json(r.residentView(state), 201);
    },
  );
  routes.add(
    { method: 'get', path: '/api/ratings/links/:token', tag: 'ratings', summary: 'What a rating link rates and whether it can still be used (never the rating)', access: anyone, params: tokenParams, before: limit },
    async (c, { params }) => c.json(await r.describeToken(params.token)),
  );
  routes.add(
    { method: 'post', path: '/api/ratings/links/:token', tag: 'ratings', summary: 'Rate with a signed link (SMS or window device); single use', access: anyone, params: tokenParams, body: rateBody, before: limit },
    async (c, { params, body }) => c.json(await r.rateByToken(params.token, body), 201),
  );
  routes.add(
    { method: 'post', path: '/api/rating-requests', tag: 'ratings', summary: "The clerk asks his window's rating device (评议器) to offer a rating of a completed case or a finished visit", access: staff('clerk', 'director'), right: 'case.deliver', body: offerBody },
    async (c, { body, principal }) => {
      if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const what = 'caseId' in body ? { caseId: body.caseId } : { ticketId: body.ticketId };
      return c.json(await r.offerOnDevice(body.window, what, { id: principal.id, director: principal.roles.includes('director') }), 201);
    },
  );
  routes.add(
    { method: 'get', path: '/api/rating-device/:window', tag: 'ratings', summary: "What the window's rating device offers now: the subject and its single-use token, never a rating", access: anyone, params: windowParams },
    (c, { params: { window } }) => {
      return c.json({ window, at: s.clock().toISOString(), pending: s.supervision.devices.current(window) ?? null });
    },
  );
  routes.add(
    { method: 'get', path: '/api/rating-device/:window/stream', tag: 'ratings', summary: 'The rating device live (Server-Sent Events): each request offered, and when it is rated, replaced or expired', access: anyone, params: windowParams },
    (c, { params: { window } }) => {
      return streamFeed<DeviceEvent>(c, {
        snapshot: () => ({ window, at: s.clock().toISOString(), pending: s.supervision.devices.current(window) ?? null }),
        subscribe: (l) => s.supervision.devices.subscribe(window, l),
        name: (e) => e.kind,
      });
    },
  );
}
