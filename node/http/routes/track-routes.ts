import { z } from 'zod';
import { anyone, HallnetError, queryCodeSchema, RateLimiter } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import type { NodeRoutes } from '../env.js';

/** Event kinds a resident sees on the public tracking page, as steps without names or numbers. */
const PUBLIC_STEPS = new Set(['accepted', 'material-received', 'completed', 'rejected', 'withdrawn']);

/** Public tracking by query code (办件查询): status only, no personal data, rate-limited per address. */
export function registerTrackRoutes(routes: NodeRoutes, s: NodeServices, limiter = new RateLimiter(30, 60_000, s.clock)): void {
  routes.add(
    {
      method: 'get',
      path: '/api/track/:code',
      tag: 'tracking',
      summary: 'Follow a case by its query code: status only, no personal data',
      access: anyone,
      params: z.object({ code: queryCodeSchema }),
      // Every try counts, valid or not: the limit is what stops a script walking the code space.
      before: (c) => limiter.hit(clientAddress(c)),
    },
    (c, { params }) => {
      const state = s.index.byCode(params.code);
      if (!state) throw new HallnetError('ERR_NOT_FOUND', 'no case with this query code here');
      return c.json({
        queryCode: state.queryCode,
        matterName: state.matterName,
        acceptedAt: state.acceptedAt,
        acceptedAtName: s.reference.orgName(state.scope),
        promisedBy: state.promisedBy,
        status: state.status,
        light: s.index.lightOf(state, s.clock()),
        outstandingMaterials: state.outstanding.length,
        makeUpBy: state.makeUpBy,
        closedAt: state.closedAt,
        steps: state.events.filter((e) => PUBLIC_STEPS.has(e.kind)).map((e) => ({ kind: e.kind, at: e.at })),
      });
    },
  );
}
