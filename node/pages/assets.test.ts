import { readdirSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { NodeEnv } from '../http/env.js';
import { registerAssets } from './assets.js';
import { BROWSER_SCRIPTS, scriptUrl } from './browser-scripts.js';

function app() {
  const a = new Hono<NodeEnv>();
  registerAssets(a);
  return a;
}

describe('the pages’ assets', () => {
  it('serves every page script from the bundle, with the shared chunks it imports', async () => {
    const a = app();
    for (const name of BROWSER_SCRIPTS) {
      const res = await a.request(scriptUrl(name));
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const text = await res.text();
      for (const [, chunk] of text.matchAll(/from "\.\/([^"]+)"/g))
        expect((await a.request(`/pages/assets/${chunk}`)).status, chunk).toBe(200);
      // Browser code: nothing of Node's may reach it.
      expect(text).not.toMatch(/from "node:|require\(|\bprocess\.|\bBuffer\./);
    }
  });

  it('bundles the domain’s own stage rules for the case pages, not a copy', async () => {
    const sources = readdirSync(new URL('./browser/', import.meta.url)).map((f) =>
      readFileSync(new URL(`./browser/${f}`, import.meta.url), 'utf8'),
    );
    expect(sources.some((s) => /function (nextStage|stagesDone)\b/.test(s))).toBe(false);
    const a = app();
    const office = await (await a.request(scriptUrl('office-case'))).text();
    const chunks = await Promise.all(
      [...office.matchAll(/from "\.\/([^"]+)"/g)].map(async ([, c]) => (await a.request(`/pages/assets/${c}`)).text()),
    );
    expect([office, ...chunks].join('\n')).toMatch(/\/\/ sync\/stage-rules\.ts\n/);
  });

  it('answers a revalidation with 304 by its ETag, and revalidates every load', async () => {
    const a = app();
    for (const path of [scriptUrl('window'), '/pages/assets/app.css']) {
      const first = await a.request(path);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      expect(first.headers.get('x-content-type-options')).toBe('nosniff');
      const etag = first.headers.get('etag');
      expect(etag).toBeTruthy();
      const again = await a.request(path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    expect((await a.request('/pages/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers 404 for anything else', async () => {
    const a = app();
    for (const path of [
      '/pages/assets/nothing.js',
      '/pages/assets/common.js',
      '/pages/assets/dom.ts',
      '/pages/assets/..%2Fassets.ts',
    ])
      expect((await a.request(path)).status, path).toBe(404);
  });
});
