import { z } from 'zod';
import { anyone, HallnetError, signedIn } from '../../sync/index.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';

const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });

/** Refreshing and ending a login, and who a token belongs to. */
export function registerSessionRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'post',
      path: '/identity/refresh',
      tag: 'session',
      summary: 'Swap a refresh token for a new access and refresh token; a token used twice ends the login',
      access: anyone,
      body: refreshBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      const next = await s.sessions.rotate(body.refreshToken);
      const account = await s.store.getAccount(next.sub);
      if (!account) {
        await s.sessions.end(next.token);
        throw new HallnetError('ERR_SESSION_REVOKED', 'the account no longer exists');
      }
      // A disabled, moved or re-roled member of staff logs in again; his earlier refresh tokens die here.
      if (account.kind === 'staff' && (account.disabled || (account.validFrom ?? 0) > next.spentIssuedAt)) {
        await s.sessions.end(next.token);
        throw new HallnetError('ERR_SESSION_REVOKED', 'the account changed since this login');
      }
      return c.json(await s.grant(account, next));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/logout',
      tag: 'session',
      summary: 'End the login the refresh token belongs to; its access tokens lapse within minutes',
      access: anyone,
      body: refreshBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      await s.sessions.end(body.refreshToken);
      return c.json({ ok: true });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/identity/me',
      tag: 'session',
      summary: 'Who the access token belongs to',
      access: signedIn,
    },
    (c, { principal }) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ principal });
    },
  );
}
