import { Hono } from 'hono';
import { z } from 'zod';
import {
  applicantSchema,
  jsonErrorHandler,
  parseOrThrow,
  readJson,
  Routes,
  staff,
  type CallerShape,
} from '../../sync/index.js';
import { APPLICANT } from '../support/fixtures.js';
import { report } from './report.js';

const ROUNDS = 10;
const PER_ROUND = 2_000;
const CLERK: CallerShape = { kind: 'staff', id: 'bench', org: 'dongcheng/jingshan', roles: ['clerk'] };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,80}$/) });
const body = z.object({
  matterCode: z.string().min(1).max(50),
  applicant: applicantSchema,
  received: z.array(z.string().max(40)).max(100).default([]),
});
const payload = JSON.stringify({ matterCode: 'DC-CL-001', applicant: APPLICANT, received: ['id-card'] });
// A real request carries its length: body limits then check the header instead of counting the stream.
const init = {
  method: 'POST',
  headers: {
    authorization: 'Bearer t',
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
  },
  body: payload,
};

/** The node's busiest shape on the route layer: a clerk, a path parameter, an accepted case's body. */
function declared(): Hono {
  const routes = new Routes({
    authenticate: async () => CLERK,
    rightsOf: async () => new Set(['case.accept'] as const),
    maxBodyBytes: 64 * 1024,
  });
  routes.app.onError(jsonErrorHandler());
  routes.add(
    {
      method: 'post',
      path: '/api/halls/:id/cases',
      tag: 'bench',
      summary: 'bench',
      access: staff('clerk'),
      right: 'case.accept',
      params,
      body,
    },
    (c, input) => c.json({ id: input.params.id, matter: input.body.matterCode }, 201),
  );
  return routes.app as unknown as Hono;
}

/** The least the same request needs by hand: the token's principal, the parameter and the body checked. */
function bare(): Hono {
  const app = new Hono();
  app.post('/api/halls/:id/cases', async (c) => {
    const principal = c.req.header('authorization') ? CLERK : undefined;
    const id = parseOrThrow(params.shape.id, c.req.param('id'));
    const b = parseOrThrow(body, await readJson(c));
    return c.json({ id, matter: b.matterCode, by: principal?.id }, 201);
  });
  return app;
}

async function round(app: Hono): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < PER_ROUND; i++) {
    const res = await app.request(`/api/halls/h${i}/cases`, init);
    if (res.status !== 201) throw new Error(`bench request failed: ${res.status} ${await res.text()}`);
  }
  return performance.now() - t;
}

/**
 * What the route layer costs a request in process (admission, body limit, validation of the path
 * parameter and the body, the handler's input), against a bare Hono route checking the same by
 * hand; rounds alternate so a loaded machine weighs on both alike.
 */
export async function runRoutesBench(): Promise<void> {
  const a = declared();
  const b = bare();
  await round(a);
  await round(b);
  let declaredMs = 0;
  let bareMs = 0;
  for (let r = 0; r < ROUNDS; r++) {
    declaredMs += await round(a);
    bareMs += await round(b);
  }
  const n = ROUNDS * PER_ROUND;
  report('routes.declared_requests', n / (declaredMs / 1000), 'req/s');
  report('routes.baseline_bare_hono', n / (bareMs / 1000), 'req/s');
  report('routes.declared_vs_baseline', bareMs / declaredMs, 'ratio');
  report('routes.layer_cost_per_request', ((declaredMs - bareMs) / n) * 1000, 'µs');
}
