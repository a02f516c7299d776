import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describe, expect, it } from 'vitest';
import { observeRequests } from './observe-requests.js';
import { ServerMetrics } from './server-metrics.js';

function app() {
  const metrics = new ServerMetrics();
  const a = new Hono();
  a.use(observeRequests(metrics));
  a.use('/api/*', async function guard(c, next) {
    if (c.req.header('authorization') !== 'Bearer ok') return c.json({ error: 'unauthenticated' }, 401);
    await next();
  });
  a.get('/api/cases/:id', (c) => c.json({ id: c.req.param('id') }));
  a.post('/api/cases', bodyLimit({ maxSize: 10, onError: (c) => c.json({ error: 'too large' }, 413) }), (c) =>
    c.json({ ok: true }, 201),
  );
  a.all('/identity/*', (c) => c.text('relayed'));
  a.get('/boom', () => {
    throw new Error('boom');
  });
  return { a, text: async () => (await metrics.render()).body };
}

const ok = { authorization: 'Bearer ok' };

describe('observeRequests counts requests under their route pattern', () => {
  it('labels by the pattern that answered, not by the raw path', async () => {
    const { a, text } = app();
    await a.request('/api/cases/c-1', { headers: ok });
    await a.request('/api/cases/c-2', { headers: ok });
    const out = await text();
    expect(out).toContain('hallnet_http_requests_total{method="GET",route="/api/cases/:id",status="200"} 2');
    expect(out).toContain('hallnet_http_request_duration_seconds_count{method="GET",route="/api/cases/:id"} 2');
    expect(out).toContain('# TYPE hallnet_http_request_duration_seconds histogram');
    expect(out).toMatch(
      /hallnet_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/cases\/:id"\} 2/,
    );
    expect(out).toMatch(/hallnet_http_request_duration_seconds_bucket\{le="0.001",/);
    expect(out).not.toContain('c-1');
  });

  it('labels a request a middleware refused by the endpoint it was headed for', async () => {
    const { a, text } = app();
    await a.request('/api/cases/c-1');
    await a.request('/api/cases', { method: 'POST', headers: ok, body: 'x'.repeat(100) });
    const out = await text();
    expect(out).toContain('hallnet_http_requests_total{method="GET",route="/api/cases/:id",status="401"} 1');
    expect(out).toContain('hallnet_http_requests_total{method="POST",route="/api/cases",status="413"} 1');
  });

  it('labels all() endpoints by their pattern, unknown paths as unmatched, odd methods as OTHER, errors as 500', async () => {
    const { a, text } = app();
    await a.request('/identity/login', { method: 'POST' });
    await a.request('/nowhere/123');
    await a.request('/identity/x', { method: 'PROPFIND' });
    await a.request('/boom');
    const out = await text();
    expect(out).toContain('hallnet_http_requests_total{method="POST",route="/identity/*",status="200"} 1');
    expect(out).toContain('hallnet_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(out).toContain('hallnet_http_requests_total{method="OTHER",route="/identity/*",status="200"} 1');
    expect(out).toContain('hallnet_http_requests_total{method="GET",route="/boom",status="500"} 1');
  });
});
