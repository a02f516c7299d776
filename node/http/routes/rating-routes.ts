import type { Context } from 'hono';
import type { Principal } from '../../../identity/index.js';
import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { anyone, device, HallnetError, ratingLevelSchema, resident, staff, RateLimiter } from '../../../sync/index.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import { queueIdSchema, windowIdSchema } from '../../queue/index.js';
import type { DeviceEvent } from '../../ratings/device-requests.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema } from '../path-params.js';
import { streamFeed } from '../stream-feed.js';
import type { StreamSlots } from '../stream-slots.js';
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
  token: z
    .string()
    .min(10)
    .max(400)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'not a rating link / 评价链接无效'),
});
const windowParams = z.object({ window: windowIdSchema });
const pairBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits / 须为 6 位数字'),
  })
  .strict();

/** The cookie a paired rating device keeps, scoped to its own window's endpoints. */
const DEVICE_COOKIE = 'hallnet_rating_device';
const devicePath = (window: string) => `/api/rating-device/${window}`;

/** A rating never comes from a browser carrying a staff login: the clerk's own screen cannot rate his work. */
function refuseStaffBrowser(c: Context): void {
  if (c.req.header('authorization')) throw new HallnetError('ERR_RATING_BY_STAFF');
}

/**
 * 好差评: a resident rates his own completed case online; anyone holding a signed rating link (the
 * SMS's, or the one a window's device is offering) rates what it names; a clerk asks his window's
 * device to offer a rating. No endpoint here answers with a rating to anyone but the resident who
 * gave it: the device and the link page learn only that it was given.
 */
export function registerRatingRoutes(
  routes: NodeRoutes,
  s: NodeServices,
  streams: StreamSlots,
  limiter = new RateLimiter(30, 60_000, s.clock),
): void {
  const r = s.supervision.ratings;
  /** The caller, when he is the clerk who has the window open (or a director); throws otherwise. */
  const windowOfCaller = (window: string, principal: Principal | undefined) => {
    if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
    r.clerksWindow(window, { id: principal.id, director: principal.roles.includes('director') });
    return principal;
  };
  // Every try at a link counts, valid or not: links are guessed at by walking them.
  const limit = (c: Context) => limiter.hit(clientAddress(c));
  /** Admits the window's paired device only: its cookie, and no staff login beside it. */
  const pairedDevice = async (c: Context) => {
    limit(c);
    refuseStaffBrowser(c);
    await s.supervision.pairings.check(c.req.param('window') ?? '', getCookie(c, DEVICE_COOKIE));
  };
  routes.add(
    {
      method: 'get',
      path: '/api/my/cases/:id/rating',
      tag: 'ratings',
      summary: 'Whether the calling resident can still rate his own case, and the rating he gave',
      access: resident,
      params: ownCaseParams,
    },
    (c, { params, principal }) => c.json(r.residentView(ownCase(s, residentOf(principal), params.id))),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/my/cases/:id/rating',
      tag: 'ratings',
      summary: 'Rate one of his own completed cases online (once; a bad rating opens a follow-up)',
      access: resident,
      params: ownCaseParams,
      body: rateBody,
    },
    async (c, { params, body, principal }) => {
      const state = ownCase(s, residentOf(principal), params.id);
      await r.rateOwnCase(state, body, actorOf(principal, s.org));
      return c.json(r.residentView(state), 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/ratings/links/:token',
      tag: 'ratings',
      summary: 'What an SMS rating link rates and whether it can still be used (never the rating)',
      access: anyone,
      params: tokenParams,
      before: limit,
    },
    async (c, { params }) => c.json(await r.describeToken(params.token)),
  );
  routes.add(
    {
      method: 'post',
      path: '/api/ratings/links/:token',
      tag: 'ratings',
      summary: 'Rate with the signed SMS link; single use; never from a browser with a staff login',
      access: anyone,
      params: tokenParams,
      body: rateBody,
      before: limit,
    },
    async (c, { params, body }) => {
      refuseStaffBrowser(c);
      return c.json(await r.rateByLink(params.token, body), 201);
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/rating-requests',
      tag: 'ratings',
      summary:
        "The clerk asks his window's rating device (评议器) to offer a rating of a completed case or a finished visit",
      access: staff('clerk', 'director'),
      right: 'case.deliver',
      body: offerBody,
    },
    async (c, { body, principal }) => {
      if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const what = 'caseId' in body ? { caseId: body.caseId } : { ticketId: body.ticketId };
      return c.json(
        await r.offerOnDevice(body.window, what, { id: principal.id, director: principal.roles.includes('director') }),
        201,
      );
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/rating-device/:window/pairing-code',
      tag: 'ratings',
      summary:
        "A six-digit code, good for ten minutes, that pairs a tablet as the window's rating device (评议器配对); for the clerk who has the window open",
      access: staff('clerk', 'director'),
      right: 'case.deliver',
      params: windowParams,
    },
    async (c, { params, principal }) => {
      const clerk = windowOfCaller(params.window, principal);
      return c.json(s.supervision.pairings.issueCode(params.window, `staff:${clerk.id}`), 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/rating-device/:window/pairing',
      tag: 'ratings',
      summary:
        "Whether the window's rating device is paired (since when) and whether a pairing code still waits; for the clerk who has the window open",
      access: staff('clerk', 'director'),
      right: 'case.deliver',
      params: windowParams,
    },
    async (c, { params, principal }) => {
      windowOfCaller(params.window, principal);
      return c.json(await s.supervision.pairings.status(params.window));
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/rating-device/:window/pair',
      tag: 'ratings',
      summary:
        "The tablet enters the clerk's code once and becomes the window's rating device (a cookie only it keeps); the device paired before is unpaired",
      access: anyone,
      params: windowParams,
      body: pairBody,
      before: limit,
    },
    async (c, { params, body }) => {
      refuseStaffBrowser(c);
      const secret = await s.supervision.pairings.pair(params.window, body.code);
      setCookie(c, DEVICE_COOKIE, secret, {
        path: devicePath(params.window),
        httpOnly: true,
        sameSite: 'Strict',
        maxAge: 400 * 86_400,
      });
      return c.json({ window: params.window, paired: true });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/rating-device/:window',
      tag: 'ratings',
      summary: "What the window's paired rating device offers now: the subject, never its token nor a rating",
      access: device,
      params: windowParams,
      before: pairedDevice,
    },
    (c, { params: { window } }) =>
      c.json({ window, at: s.clock().toISOString(), pending: s.supervision.devices.current(window) ?? null }),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/rating-device/:window/stream',
      tag: 'ratings',
      summary:
        'The paired rating device live (Server-Sent Events): each request offered, and when it is rated, replaced or expired',
      access: device,
      params: windowParams,
      before: pairedDevice,
    },
    (c, { params: { window } }) => {
      return streamFeed<DeviceEvent>(
        c,
        {
          snapshot: () => ({
            window,
            at: s.clock().toISOString(),
            pending: s.supervision.devices.current(window) ?? null,
          }),
          subscribe: (l) => s.supervision.devices.subscribe(window, l),
          name: (e) => e.kind,
        },
        streams,
      );
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/rating-device/:window/rating',
      tag: 'ratings',
      summary: 'The paired device sends the resident’s rating of what it offers now; once',
      access: device,
      params: windowParams,
      body: rateBody,
      before: pairedDevice,
    },
    async (c, { params, body }) => c.json(await r.rateOnDevice(params.window, body), 201),
  );
}
