import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { IsolateMetrics } from '../identity/adapter/workers/isolate-metrics.js';
import { observeRequests, ServerMetrics } from '../sync/node-only.js';

/** The same app and the same requests, observed by `observe`. */
async function serve(observe: MiddlewareHandler): Promise<void> {
  const app = new Hono();
  app.use(observe);
  app.use('/identity/*', async function guard(c, next) {
    if (!c.req.header('authorization')) return c.json({ error: 'unauthenticated' }, 401);
    await next();
  });
  app.post('/identity/login', (c) => c.json({ ok: true }));
  app.get('/identity/accounts/:id', (c) => c.json({ id: c.req.param('id') }));
  app.get('/.well-known/jwks.json', (c) => c.json({ keys: [] }));
  const auth = { authorization: 'Bearer t' };
  await app.request('/identity/login', { method: 'POST', headers: auth });
  await app.request('/identity/accounts/a-1', { headers: auth });
  await app.request('/identity/accounts/a-2', { headers: auth });
  await app.request('/identity/accounts/a-3');
  await app.request('/.well-known/jwks.json');
  await app.request('/nowhere');
}

/** The samples of the two HTTP series that do not depend on timing: counts, and which bucket series exist. */
function stable(text: string): string[] {
  return text
    .split('\n')
    .filter(
      (l) =>
        /^hallnet_http_(requests_total|request_duration_seconds_count)\{/.test(l) ||
        /^hallnet_http_request_duration_seconds_bucket\{le="\+Inf"/.test(l),
    )
    .sort();
}

describe("the identity Worker's request series", () => {
  it('read exactly as the node and the hub write them with prom-client', async () => {
    const server = new ServerMetrics();
    await serve(observeRequests(server));
    const isolate = new IsolateMetrics();
    await serve(isolate.observe);
    const mine = isolate.render();
    const theirs = (await server.render()).body;
    expect(stable(mine)).toEqual(stable(theirs));
    expect(stable(mine)).toContain(
      'hallnet_http_requests_total{method="GET",route="/identity/accounts/:id",status="200"} 2',
    );
    expect(stable(mine)).toContain(
      'hallnet_http_requests_total{method="GET",route="/identity/accounts/:id",status="401"} 1',
    );
    for (const header of [
      '# TYPE hallnet_http_requests_total counter',
      '# TYPE hallnet_http_request_duration_seconds histogram',
    ]) {
      expect(mine).toContain(header);
      expect(theirs).toContain(header);
    }
    const buckets = (text: string) =>
      [
        ...text.matchAll(
          /^hallnet_http_request_duration_seconds_bucket\{le="([^"]+)",method="GET",route="\/\.well-known\/jwks\.json"\}/gm,
        ),
      ].map((m) => m[1]);
    expect(buckets(mine)).toEqual(buckets(theirs));
    expect(buckets(mine)).toHaveLength(14);
  });
});
