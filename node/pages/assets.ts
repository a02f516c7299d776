import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { NodeEnv } from '../http/env.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: string;
  type: string;
  etag: string;
}

/** Reads the pages' stylesheet and scripts once, at start: a hall PC serves them from memory. */
function loadAssets(dir: URL): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[name.slice(name.lastIndexOf('.'))];
    if (!type) continue;
    const body = readFileSync(new URL(name, dir), 'utf8');
    out.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return out;
}

/**
 * `GET /pages/assets/<file>`: the shared CSS and the small browser scripts of node/pages/assets.
 * Revalidated on every load (ETag), so a node updated in place never serves a stale script.
 */
export function registerAssets(app: Hono<NodeEnv>): void {
  const assets = loadAssets(new URL('./assets/', import.meta.url));
  app.get('/pages/assets/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.text('not found', 404);
    c.header('Cache-Control', 'no-cache');
    c.header('ETag', asset.etag);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    return c.body(asset.body, 200, { 'Content-Type': asset.type });
  });
}
