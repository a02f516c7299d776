import { readdirSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { etag } from 'hono/etag';
import type { NodeEnv } from '../http/env.js';
import { browserBundle } from './browser-bundle.js';

const STYLESHEET = 'text/css; charset=utf-8';
const SCRIPT = 'text/javascript; charset=utf-8';

/** Reads the pages' stylesheets once, at start: a hall PC serves them from memory. */
function loadStylesheets(dir: URL): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith('.css'))
      .map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]),
  );
}

/**
 * `GET /pages/assets/<file>`: the stylesheets of node/pages/assets and the browser bundle's
 * scripts. Revalidated on every load (hono's ETag), so a node updated in place never serves a
 * stale script. The bundle is built when the pages are registered and awaited by the first
 * script request, so the node's start does not wait for it.
 */
export function registerAssets(app: Hono<NodeEnv>): void {
  const stylesheets = loadStylesheets(new URL('./assets/', import.meta.url));
  const scripts = browserBundle();
  // A failed build is answered (and logged by onError) at each script request; nothing waits for it before.
  scripts.catch(() => undefined);
  app.use('/pages/assets/*', etag());
  app.get('/pages/assets/:file', async (c) => {
    const file = c.req.param('file');
    const css = stylesheets.get(file);
    const js = css === undefined ? (await scripts).get(file) : undefined;
    const body = css ?? js;
    if (body === undefined) return c.text('not found', 404);
    c.header('Cache-Control', 'no-cache');
    c.header('X-Content-Type-Options', 'nosniff');
    return c.body(body, 200, { 'Content-Type': css === undefined ? SCRIPT : STYLESHEET });
  });
}
