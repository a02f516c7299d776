import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { z } from 'zod';
import type { Principal } from '../identity/index.js';
import { anyone, certSerialSchema, HallnetError, Routes, scraper, type AdmitOptions } from '../sync/index.js';
import { GATEWAY_ENDPOINTS } from './gateway/gateway-endpoints.js';

/**
 * The hub's route layer: nodes prove themselves with their certificate's token; a resident is
 * only ever relayed by a node (`node-for-resident`), his token verified against the district's JWKS.
 */
export function createHubRoutes(
  admit: Pick<AdmitOptions<Principal>, 'authorizeNode' | 'authenticate' | 'staffMayActFrom'> = {},
): Routes<BlankEnv, Principal> {
  return new Routes<BlankEnv, Principal>({
    ...admit,
    wording: {
      scraper:
        'a metrics scraper: a direct request from loopback or an address in HUB_METRICS_ALLOW, or a bearer HUB_METRICS_TOKEN',
      node: {
        text: 'an enrolled node: a short RS256 token signed by its key, carrying its certificate chain (x5c) to the district root',
        bearer: true,
      },
    },
    maxBodyBytes: 16 * 1024,
  });
}

/** What the hub's own endpoints answer with. */
export interface HubRouteDeps {
  district: string;
  /** The body of `/healthz`. */
  health: () => object;
  /** `/metrics`, which checks its scraper itself and refuses CouchDB-style. */
  metrics: (c: Context) => Promise<Response>;
  /** The district's revocation of a certificate, as stored (with its history), or undefined. */
  certificateRevocation: (serial: string) => Promise<object | undefined>;
}

/**
 * The hub's endpoints in one OpenAPI document made as the node's and the identity service's are:
 * its own (health, metrics, the document), and those it serves through the identity service and
 * the sync gateway, each with who may call it.
 */
export function registerHubRoutes(routes: Routes<BlankEnv, Principal>, d: HubRouteDeps): void {
  routes.add(
    {
      method: 'get',
      path: '/healthz',
      tag: 'operations',
      summary: 'Liveness, store kind, whether the visibility index is built',
      access: anyone,
    },
    (c) => c.json(d.health()),
  );
  routes.add(
    {
      method: 'get',
      path: '/metrics',
      tag: 'operations',
      summary: 'Metrics in Prometheus text format (0.0.4)',
      access: scraper,
    },
    (c) => d.metrics(c),
  );
  routes.add(
    {
      method: 'get',
      path: '/revocations/certificate/:serial',
      tag: 'operations',
      summary:
        "A certificate's revocation as the district wrote it: public, as every hall holds it; how a revoked hall, which the hub no longer lets sync, learns of it",
      access: anyone,
      params: z.object({ serial: certSerialSchema }),
    },
    async (c, { params }) => {
      const doc = await d.certificateRevocation(params.serial);
      if (!doc) throw new HallnetError('ERR_NOT_FOUND', `certificate ${params.serial} is not revoked`);
      return c.json(doc);
    },
  );
  routes.describe({
    method: 'post',
    path: '/identity/:path',
    tag: 'identity',
    summary: 'The identity service (its /identity/openapi.json says who may call each endpoint)',
    access: anyone,
    params: z.object({ path: z.string() }),
  });
  routes.describe({
    method: 'get',
    path: '/.well-known/jwks.json',
    tag: 'identity',
    summary: "The identity service's public keys",
    access: anyone,
  });
  for (const e of GATEWAY_ENDPOINTS) routes.describe(e);
  routes.serveDocument('/openapi.json', `hallnet hub ${d.district}`);
}
