import { z } from 'zod';
import { nodeClientAddress } from '../../../identity/adapter/node/index.js';
import { IDENTITY_MAX_BODY_BYTES, RELAY_HEADERS } from '../../../identity/index.js';
import { anyone, HallnetError, jsonBodyLimit } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';

const HOP_BY_HOP = ['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'];

/**
 * 一次登录: every node relays `/identity/*` to the district's identity service, so a resident signs
 * up and logs in at whichever hall or page is at hand; the service itself says who may call what.
 * The JWKS is answered from the replica, so it is there offline too.
 */
export function registerIdentityRelay(routes: NodeRoutes, s: NodeServices, hubUrl: string | undefined): void {
  routes.add(
    {
      method: 'get',
      path: '/.well-known/jwks.json',
      tag: 'identity',
      summary: "The identity service's public keys, from this node's replica",
      access: anyone,
    },
    (c) => {
      if (!s.reference.jwks)
        throw new HallnetError('ERR_NOT_FOUND', 'this node has not received the identity keys yet');
      return c.json({ keys: s.reference.jwks.keys });
    },
  );
  routes.describe({
    method: 'post',
    path: '/identity/:path',
    tag: 'identity',
    summary: 'The identity service, relayed to the hub (its /identity/openapi.json says who may call each endpoint)',
    access: anyone,
    params: z.object({ path: z.string() }),
  });
  // The body is read whole before it is relayed: an anonymous caller's is held to the identity service's limit.
  routes.app.use('/identity/*', jsonBodyLimit(IDENTITY_MAX_BODY_BYTES));
  routes.app.all('/identity/*', async (c) => {
    if (!hubUrl) throw new HallnetError('ERR_HUB_UNREACHABLE', 'this node works alone: it has no hub');
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    for (const h of [...HOP_BY_HOP, 'x-forwarded-for', ...Object.values(RELAY_HEADERS)]) headers.delete(h);
    // The node vouches for the resident's address with its own hub token: the hub limits logins per
    // resident address, not per hall (without a token the hub counts them against the node).
    if (s.hubToken) {
      headers.set(RELAY_HEADERS.hallToken, await s.hubToken());
      headers.set(RELAY_HEADERS.clientAddress, nodeClientAddress(c));
    }
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    let res: Response;
    try {
      res = await fetch(`${hubUrl}${url.pathname}${url.search}`, {
        method: c.req.method,
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new HallnetError('ERR_HUB_UNREACHABLE', (err as Error).message, { cause: err });
    }
    const out = new Headers(res.headers);
    for (const h of HOP_BY_HOP) out.delete(h);
    out.delete('content-encoding');
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
  });
}
