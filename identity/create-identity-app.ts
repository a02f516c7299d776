import type { Hono } from 'hono';
import { HallnetError, jsonErrorHandler, Routes } from '../sync/index.js';
import type { IdentityEnv } from './identity-env.js';
import { createIdentityServices, type IdentityAppOptions } from './identity-services.js';
import { ACCESS_AUDIENCE } from './lib/access-token-rules.js';
import { IDENTITY_MAX_BODY_BYTES } from './relay-headers.js';
import type { Principal } from './principal.js';
import { registerAccountRoutes } from './routes/account-routes.js';
import { registerKeyRoutes } from './routes/key-routes.js';
import { registerLoginRoutes } from './routes/login-routes.js';
import { registerSessionRoutes } from './routes/session-routes.js';
import { registerStaffLifecycleRoutes } from './routes/staff-lifecycle-routes.js';
import { registerVerificationRoutes } from './routes/verification-routes.js';
import { verifyAccessToken } from './verify-access-token.js';

/**
 * The identity service as a Hono app on Web standards only (it runs in the hub process and on
 * Workers): sign-up, staff accounts, real-name verification at a window, password and SMS-code
 * login, rotating refresh tokens, the JWKS and its rotation, node staff verifiers, and
 * `/identity/openapi.json`.
 */
export function createIdentityApp(opts: IdentityAppOptions): Hono<IdentityEnv> {
  const s = createIdentityServices(opts);
  const routes = new Routes<IdentityEnv, Principal>({
    authenticate: async (token) =>
      verifyAccessToken(token, {
        jwks: await s.keys.jwks(),
        issuer: s.issuer,
        audience: ACCESS_AUDIENCE,
        now: s.clock(),
      }),
    authorizeNode: s.authorizeNode,
    district: s.district,
    wording: { node: { text: 'a hall node, authenticated by its certificate', bearer: false } },
    maxBodyBytes: IDENTITY_MAX_BODY_BYTES,
  });
  const app = routes.app;
  if (opts.observe) app.use('*', opts.observe);
  app.onError(jsonErrorHandler(s.logger));
  app.use('/identity/*', async function noStore(c, next) {
    await next();
    // Tokens, accounts and verifiers: nothing under /identity/ belongs in a shared cache (RFC 6749 §5.1).
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.notFound((c) => c.json(new HallnetError('ERR_NOT_FOUND', 'no such endpoint').toBody(), 404));

  registerAccountRoutes(routes, s);
  registerVerificationRoutes(routes, s);
  registerLoginRoutes(routes, s);
  registerSessionRoutes(routes, s);
  registerKeyRoutes(routes, s);
  registerStaffLifecycleRoutes(routes, s);
  routes.serveDocument('/identity/openapi.json', `hallnet identity (${s.district})`);
  return app;
}

/** Re-exported beside createIdentityApp, where callers look for it. */
export type { IdentityAppOptions };
