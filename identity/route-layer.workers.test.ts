// The route layer the identity service is built on, inside workerd (vitest.workers.config.ts): the
// identity endpoints take no path parameters, so this declares one the way they declare theirs.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { anyone, jsonErrorHandler, Routes } from '../sync/index.js';
import type { IdentityEnv } from './identity-env.js';
import type { Principal } from './principal.js';

describe('the route layer on Workers', () => {
  it('answers a path parameter failing its schema with a 400 naming it, and documents the operation', async () => {
    const routes = new Routes<IdentityEnv, Principal>({ maxBodyBytes: 1024 });
    routes.app.onError(jsonErrorHandler());
    routes.add(
      {
        method: 'get',
        path: '/identity/things/:id',
        tag: 't',
        summary: 'A thing',
        access: anyone,
        params: z.object({ id: z.string().regex(/^\d+$/, 'digits / 数字') }),
      },
      (c, { params }) => c.json({ id: params.id }),
    );
    routes.serveDocument('/identity/openapi.json', 'test');
    expect(await (await routes.app.request('/identity/things/7')).json()).toEqual({ id: '7' });
    const bad = await routes.app.request('/identity/things/seven');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'ERR_VALIDATION', issues: [{ field: 'path.id', reason: 'digits / 数字' }] },
    });
    const doc = (await (await routes.app.request('/identity/openapi.json')).json()) as {
      paths: Record<string, { get: { 'x-access': unknown } }>;
    };
    expect(doc.paths['/identity/things/{id}']!.get['x-access']).toEqual({ who: 'anyone' });
  });
});
