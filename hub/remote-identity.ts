import type { Context } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { Logger } from 'pino';
import { RELAY_HEADERS } from '../identity/index.js';
import { HallnetError } from '../sync/index.js';

/** Where the identity service runs and how the hub relays to it. */
export interface RemoteIdentityOptions {
  /** The identity service's base URL (the Worker), e.g. `https://identity.dongcheng.example.gov.cn`. */
  url: string;
  /** Shared with the Worker's RELAY_SECRET: without it the Worker sees only the hub's address and takes no node calls. */
  relaySecret: string | undefined;
  /** The caller's address as the hub establishes it (a hall's word for its resident, or its trusted-proxy rule). */
  clientAddress: (c: Context) => string | Promise<string>;
  /** The calling node's organisation from its certificate chain, or throws. */
  authorizeNode: (c: Context) => Promise<string>;
  /** Told every JWKS fetched, to publish as the replicated document. */
  publishJwks: (jwks: JSONWebKeySet) => Promise<void>;
  logger: Logger;
  /** How often the JWKS is fetched; default every minute. */
  everyMs?: number;
}

/** The identity service as the hub serves it when it runs elsewhere. */
export interface RemoteIdentity {
  /** Relays one request for `/identity/*` or `/.well-known/jwks.json` to the identity service. */
  fetch(c: Context): Promise<Response>;
  /** Fetches the JWKS and hands it to publishJwks; rejects when the service cannot be reached. */
  refreshJwks(): Promise<void>;
  stop(): void;
}

const HOP_BY_HOP = [
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
];
const NODE_STAFF = '/identity/node-staff';
const TIMEOUT_MS = 10_000;

/** True for a set of public ES256 keys only: a JWKS with a private part is never published. */
function isPublicEs256Set(value: unknown): value is JSONWebKeySet {
  const keys = (value as { keys?: unknown })?.keys;
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (k: Record<string, unknown>) =>
        k?.kty === 'EC' &&
        k.crv === 'P-256' &&
        typeof k.x === 'string' &&
        typeof k.y === 'string' &&
        typeof k.kid === 'string' &&
        !('d' in k),
    )
  );
}

/**
 * The hub's side of an identity service running elsewhere (the Worker): it fetches the service's
 * JWKS at start and every minute and publishes it as the replicated `jwks:identity` document, so
 * nodes keep verifying tokens offline; and it relays `/identity/*` from the nodes, which know only
 * the hub — with the caller's address, and for `/identity/node-staff…` the node's organisation as the
 * hub's certificate check found it, both vouched for by the relay secret. A key rotation relayed
 * through the hub is published at once.
 */
export function startRemoteIdentity(opts: RemoteIdentityOptions): RemoteIdentity {
  const base = new URL(opts.url);
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new HallnetError('ERR_CONFIG', 'the identity URL must be http or https');
  // The relay secret vouches for addresses and nodes: it never crosses a network in the clear.
  if (opts.relaySecret && base.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname)) {
    throw new HallnetError('ERR_CONFIG', 'with a relay secret the identity URL must be https');
  }
  const target = (path: string) => new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
  let lastJwks: JSONWebKeySet | undefined;

  async function refreshJwks(): Promise<void> {
    const res = await fetch(target('/.well-known/jwks.json'), { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`identity service answered ${res.status} for its JWKS`);
    const jwks: unknown = await res.json();
    if (!isPublicEs256Set(jwks))
      throw new Error('the identity service answered something other than a public ES256 key set');
    await opts.publishJwks(jwks);
    lastJwks = jwks;
  }
  const refreshQuietly = () =>
    refreshJwks().catch((err: unknown) =>
      opts.logger.warn(
        { err: String(err), identity: base.origin },
        'identity JWKS not fetched; nodes keep the one published',
      ),
    );
  const timer = setInterval(refreshQuietly, opts.everyMs ?? 60_000);
  timer.unref();

  async function relay(c: Context): Promise<Response> {
    const url = new URL(c.req.url);
    const headers = new Headers(c.req.raw.headers);
    for (const h of [...HOP_BY_HOP, ...Object.values(RELAY_HEADERS)]) headers.delete(h);
    if (opts.relaySecret) {
      headers.set(RELAY_HEADERS.secret, opts.relaySecret);
      headers.set(RELAY_HEADERS.clientAddress, await opts.clientAddress(c));
    }
    if (url.pathname === NODE_STAFF || url.pathname.startsWith(`${NODE_STAFF}/`)) {
      headers.set(RELAY_HEADERS.nodeOrg, await opts.authorizeNode(c));
      // The node's token is for the hub; the Worker takes the hub's word for it.
      headers.delete('authorization');
    }
    const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.arrayBuffer();
    let res: Response;
    try {
      res = await fetch(target(`${url.pathname}${url.search}`), {
        method: c.req.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (cause) {
      throw new HallnetError('ERR_HUB_UNREACHABLE', `identity service unreachable: ${(cause as Error).message}`, {
        cause,
      });
    }
    const out = new Headers(res.headers);
    for (const h of [...HOP_BY_HOP, 'content-encoding']) out.delete(h);
    if (c.req.method === 'POST' && url.pathname === '/identity/keys/rotate' && res.ok) void refreshQuietly();
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
  }

  return {
    async fetch(c) {
      try {
        // The hub answers the JWKS from what it last fetched, so it is there while the service is not.
        if (c.req.method === 'GET' && new URL(c.req.url).pathname === '/.well-known/jwks.json' && lastJwks) {
          return Response.json(lastJwks, { headers: { 'cache-control': 'public, max-age=60' } });
        }
        return await relay(c);
      } catch (err) {
        const e =
          err instanceof HallnetError ? err : new HallnetError('ERR_INTERNAL', 'identity relay failed', { cause: err });
        if (e.status >= 500) opts.logger.error({ err, path: c.req.path }, 'identity relay failed');
        return Response.json(e.toBody(), { status: e.status, headers: { 'cache-control': 'no-store' } });
      }
    },
    refreshJwks,
    stop: () => clearInterval(timer),
  };
}
