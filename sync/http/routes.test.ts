import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HallnetError } from '../errors.js';
import { anyone, nodeForResident, RESIDENT_TOKEN_HEADER, scraper, staff } from './access.js';
import type { CallerShape } from './admit-caller.js';
import { jsonErrorHandler } from './json-error-handler.js';
import { Routes } from './routes.js';

const CLERK: CallerShape = { kind: 'staff', id: 'w', org: 'dongcheng/jingshan', roles: ['clerk'] };

/** A small server on the route layer: one parameterised endpoint for clerks, one open one. */
function server() {
  const routes = new Routes({
    authenticate: async (token) => {
      if (token !== 'clerk') throw new HallnetError('ERR_TOKEN_INVALID');
      return CLERK;
    },
    maxBodyBytes: 1024,
  });
  routes.app.onError(jsonErrorHandler());
  routes.add(
    {
      method: 'post',
      path: '/things/:id',
      tag: 't',
      summary: 'Change a thing',
      access: staff('clerk'),
      params: z.object({ id: z.string().regex(/^\d{1,6}$/, 'digits / 数字') }),
      query: z.object({ dry: z.enum(['yes', 'no']).optional() }),
      body: z.object({ name: z.string().min(1) }),
    },
    (c, { params, query, body, principal }) =>
      c.json({ id: params.id, dry: query.dry ?? null, name: body.name, by: principal?.id }),
  );
  routes.add({ method: 'get', path: '/busy', tag: 't', summary: 'Always busy', access: anyone }, () => {
    throw new HallnetError('ERR_RATE_LIMITED', 'slow down', { detail: { retryAfterSeconds: 7 } });
  });
  routes.add({ method: 'get', path: '/metrics', tag: 't', summary: 'Metrics', access: scraper }, (c) => c.text('ok'));
  routes.serveDocument('/openapi.json', 'test');
  return routes;
}

const post = (
  app: ReturnType<typeof server>['app'],
  path: string,
  body: string,
  headers: Record<string, string> = { authorization: 'Bearer clerk', 'content-type': 'application/json' },
) => app.request(path, { method: 'POST', headers, body });

describe('Routes', () => {
  it('hands the handler the validated path parameters, query and body, and who is calling', async () => {
    const res = await post(server().app, '/things/42?dry=yes', '{"name":"x"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '42', dry: 'yes', name: 'x', by: 'w' });
  });

  it('answers a path parameter failing its schema with a 400 naming it, in English and Chinese', async () => {
    const res = await post(server().app, '/things/forty-two', '{"name":"x"}');
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; issues: { field: string; reason: string }[] } };
    expect(error.code).toBe('ERR_VALIDATION');
    expect(error.issues).toEqual([{ field: 'path.id', reason: 'digits / 数字' }]);
  });

  it('names query and body fields, refuses broken JSON and a body that is not JSON', async () => {
    const app = server().app;
    const query = (await (await post(app, '/things/1?dry=maybe', '{"name":"x"}')).json()) as {
      error: { issues: { field: string }[] };
    };
    expect(query.error.issues.map((i) => i.field)).toEqual(['query.dry']);
    const body = (await (await post(app, '/things/1', '{"name":""}')).json()) as {
      error: { issues: { field: string; reason: string }[] };
    };
    expect(body.error.issues).toEqual([{ field: 'body.name', reason: expect.stringMatching(/ \/ 不能为空$/) }]);
    const broken = await post(app, '/things/1', '{"name":');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('ERR_MALFORMED_JSON');
    const text = await post(app, '/things/1', '{"name":"x"}', {
      authorization: 'Bearer clerk',
      'content-type': 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string; issues: { field: string }[] } }).error).toMatchObject({
      code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
      issues: [{ field: 'header.content-type' }],
    });
    const huge = await post(app, '/things/1', JSON.stringify({ name: 'x'.repeat(2000) }));
    expect(huge.status).toBe(413);
  });

  it('admits the caller before it looks at the input', async () => {
    const app = server().app;
    expect((await post(app, '/things/bad', '{', { 'content-type': 'application/json' })).status).toBe(401);
    expect(
      (await post(app, '/things/bad', '{', { authorization: 'Bearer resident', 'content-type': 'application/json' }))
        .status,
    ).toBe(401);
  });

  it('sends Retry-After when the error carries a retry time, and never lets an error be cached', async () => {
    const res = await server().app.request('/busy');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('documents every operation with who may call it, its parameters and its body', async () => {
    const doc = (await (await server().app.request('/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            'x-access': unknown;
            description: string;
            parameters?: { name: string; in: string }[];
            requestBody?: unknown;
          }
        >
      >;
    };
    expect(Object.keys(doc.paths).sort()).toEqual(['/busy', '/metrics', '/openapi.json', '/things/{id}']);
    const op = doc.paths['/things/{id}']!.post!;
    expect(op['x-access']).toEqual({ who: 'staff', roles: ['clerk'] });
    expect(op.description).toBe('Who may call: staff with role clerk.');
    expect(op.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual(['path id', 'query dry']);
    expect(op.requestBody).toBeDefined();
    for (const ops of Object.values(doc.paths)) for (const o of Object.values(ops)) expect(o['x-access']).toBeDefined();
  });

  it("admits a node relaying a resident only with both proofs: the node's own and the resident's token", async () => {
    const RESIDENT: CallerShape = { kind: 'resident', id: 'r1' };
    const routes = new Routes({
      authorizeNode: (c) => {
        if (c.req.header('authorization') !== 'Bearer node') throw new HallnetError('ERR_UNAUTHENTICATED', 'no node');
        return 'dongcheng/jingshan';
      },
      authenticate: async (token) => {
        if (token === 'resident') return RESIDENT;
        if (token === 'clerk') return CLERK;
        throw new HallnetError('ERR_TOKEN_INVALID');
      },
      maxBodyBytes: 1024,
    });
    routes.app.onError(jsonErrorHandler());
    routes.add(
      { method: 'get', path: '/mine', tag: 't', summary: 'Mine', access: nodeForResident },
      (c, { principal, nodeOrg }) => c.json({ who: principal?.id, via: nodeOrg }),
    );
    const call = (headers: Record<string, string>) => routes.app.request('/mine', { headers });
    const ok = await call({ authorization: 'Bearer node', [RESIDENT_TOKEN_HEADER]: 'resident' });
    expect(await ok.json()).toEqual({ who: 'r1', via: 'dongcheng/jingshan' });
    expect((await call({ [RESIDENT_TOKEN_HEADER]: 'resident' })).status).toBe(401);
    expect((await call({ authorization: 'Bearer node' })).status).toBe(401);
    expect((await call({ authorization: 'Bearer node', [RESIDENT_TOKEN_HEADER]: 'forged' })).status).toBe(401);
    expect((await call({ authorization: 'Bearer node', [RESIDENT_TOKEN_HEADER]: 'clerk' })).status).toBe(403);
  });

  it('refuses to declare a path parameter without a schema', () => {
    const routes = new Routes({ maxBodyBytes: 1024 });
    expect(() =>
      routes.add({ method: 'get', path: '/things/:id', tag: 't', summary: 's', access: anyone }, (c) => c.text('')),
    ).toThrow(/params must declare exactly id/);
  });
});
