import type { Hono } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';
import type { NodeEnv } from '../http/env.js';

/** Addresses that are no page: the API, the identity relay, the replica and the pages' assets. */
export const NOT_PAGES = /^\/(api|identity|db|pages\/assets)(\/|$)/;

/**
 * A page typed or linked with a trailing slash (/portal/, /guide/) is the page without it: a
 * permanent redirect there instead of the 404 page. API addresses are left as they are: a client
 * calling one with a slash gets its JSON 404, not a redirect it might follow with another method.
 */
export function redirectTrailingSlash(app: Hono<NodeEnv>): void {
  const trim = trimTrailingSlash({ alwaysRedirect: true });
  app.use(async (c, next) => (NOT_PAGES.test(c.req.path) ? next() : trim(c, next)));
}
