import { HallnetError } from '../../../sync/index.js';
import { parseQueryCode } from '../../domain/query-code.js';
import type { NodeServices } from '../../services.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import type { Routes } from '../define-routes.js';
import { anyone } from '../principal.js';
import { RateLimiter } from '../rate-limit.js';

/** Event kinds a resident sees on the public tracking page, as steps without names or numbers. */
const PUBLIC_STEPS = new Set(['accepted', 'material-received', 'completed', 'rejected', 'withdrawn']);

/** Public tracking by query code (办件查询): status only, no personal data, rate-limited per address. */
export function registerTrackRoutes(routes: Routes, s: NodeServices, limiter = new RateLimiter(30, 60_000, s.clock)): void {
  routes.add(
    { method: 'get', path: '/api/track/:code', tag: 'tracking', summary: 'Follow a case by its query code: status only, no personal data', access: anyone },
    (c) => {
      limiter.hit(clientAddress(c));
      const code = parseQueryCode(c.req.param('code') ?? '');
      if (!code) {
        throw new HallnetError('ERR_VALIDATION', 'not a query code', { issues: [{ field: 'code', reason: 'not a valid query code (check character) / 查询码无效' }] });
      }
      const state = s.index.byCode(code);
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
