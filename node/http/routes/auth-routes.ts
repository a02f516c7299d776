import { z } from 'zod';
import type { NodeServices } from '../../services.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import { anyone, staff, RateLimiter } from '../../../sync/index.js';
import type { NodeRoutes } from '../env.js';

const loginBody = z.object({ account: z.string().min(1).max(60), password: z.string().min(1).max(200) });

/** A clerk logs in at the node itself, so a station with no network still lets its own clerks in. */
export function registerAuthRoutes(
  routes: NodeRoutes,
  s: NodeServices,
  limiter = new RateLimiter(20, 60_000, s.clock),
): void {
  routes.add(
    {
      method: 'post',
      path: '/api/auth/staff-login',
      tag: 'auth',
      summary: 'A clerk of this node logs in with a password checked at the node, even offline',
      access: anyone,
      body: loginBody,
    },
    async (c, { body }) => {
      const address = clientAddress(c);
      limiter.hit(address);
      const account = await s.staff.check(body.account, body.password, address);
      const { token, expiresAt } = await s.tokens.sign(account);
      s.logger.info({ account: account.account, org: account.org }, 'staff logged in');
      return c.json({ token, expiresAt, staff: account });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'Who the token belongs to',
      access: staff('clerk', 'back-office', 'director', 'supervisor', 'admin'),
    },
    async (c, { principal: p }) => {
      return c.json({ ...p, ...(p?.kind === 'staff' ? { rights: [...(await s.rightsOf(p))].sort() } : {}) });
    },
  );
}
