import { z } from 'zod';
import {
  anyone,
  HallnetError,
  queryCodeSchema,
  RateLimiter,
  trackedCase,
  type TrackedCase,
} from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import { applicantLight } from '../../domain/traffic-light.js';
import type { NodeRoutes } from '../env.js';

/** Where an answer to tracking came from: this hall's own replica, or the district's store through the hub. */
export type TrackSource = 'hall' | 'district';

/**
 * Public tracking by query code (办件查询) at any hall, for any case of the district: from this
 * hall's replica when it holds the case, else through the hub. Status and public steps only, no
 * personal data; rate-limited per address here, and by the hub again (a logged-in resident's token
 * goes along, so his own case is not held back by others using up its code). A hall cut off from the hub
 * says so (503 ERR_HUB_UNREACHABLE) rather than "not found", since it cannot know.
 */
export function registerTrackRoutes(
  routes: NodeRoutes,
  s: NodeServices,
  limiter = new RateLimiter(30, 60_000, s.clock),
): void {
  const answer = (t: TrackedCase, source: TrackSource) => ({
    ...t,
    light: applicantLight(t, s.clock(), s.index.yellowHours),
    source,
  });
  routes.add(
    {
      method: 'get',
      path: '/api/track/:code',
      tag: 'tracking',
      summary:
        'Follow any case of the district by its query code: status and public steps, no personal data (through the hub for cases this hall does not hold)',
      access: anyone,
      params: z.object({ code: queryCodeSchema }),
      // Every try counts, valid or not: the limit is what stops a script walking the code space.
      before: (c) => limiter.hit(clientAddress(c)),
    },
    async (c, { params }) => {
      const held = s.index.byCode(params.code);
      if (held) return c.json(answer(trackedCase(held, s.reference), 'hall'));
      if (!s.district)
        throw new HallnetError('ERR_NOT_FOUND', 'no case with this query code here (this hall works alone)');
      let found: TrackedCase | undefined;
      try {
        // A resident's own token, if he is logged in here: the hub verifies it (this hall need not).
        const bearer = /^Bearer (\S{1,4096})$/.exec(c.req.header('authorization') ?? '')?.[1];
        found = await s.district.track(params.code, clientAddress(c), bearer);
      } catch (err) {
        if (err instanceof HallnetError && err.code === 'ERR_HUB_UNREACHABLE') {
          throw new HallnetError(
            'ERR_HUB_UNREACHABLE',
            `not held here, and the district cannot be asked now: ${err.message}`,
            { detail: { onlyHere: true }, cause: err },
          );
        }
        throw err;
      }
      if (!found) throw new HallnetError('ERR_NOT_FOUND', 'no case with this query code in the district');
      return c.json(answer(found, 'district'));
    },
  );
}
