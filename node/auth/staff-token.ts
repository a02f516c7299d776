import { SignJWT, decodeProtectedHeader, importPKCS8, jwtVerify } from 'jose';
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { verifyNodeChain, type Principal } from '../../identity/index.js';
import { chainSerials } from './node-chain.js';
import { HallnetError, isWithin, orgPathSchema, STAFF_ROLES } from '../../sync/index.js';
import type { StaffAccount } from './staff-verifiers.js';

/** Issuer of tokens a node signs for its own clerks after checking a password locally: `hallnet-node:<org>`. */
export const LOCAL_ISSUER_PREFIX = 'hallnet-node:';
export const AUDIENCE = 'hallnet';
const CHAIN_CACHE_MS = 60_000;
const TOLERANCE_SECONDS = 30;

const claimsSchema = z.object({
  sub: z.string().startsWith('staff:'),
  name: z.string(),
  org: orgPathSchema,
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
});

export interface StaffTokensOptions {
  org: string;
  keyPem: string;
  /** The node's chain once enrolled: its tokens then carry it (`x5c`) and verify at the nodes of its subtree. */
  chainPem: string[] | undefined;
  ttlSeconds: number;
  clock: () => Date;
  /** Certificates revoked by replicated documents. */
  isRevoked: (serialHex: string) => boolean;
}

/**
 * The short tokens a node signs for clerks who logged in at it with a password, hub or no hub.
 * They are RS256 with the node's own key and carry its chain, so any node of the signer's
 * subtree can check them offline against the district root; nowhere else accepts them.
 */
export class StaffTokens {
  // Checking a chain costs milliseconds (RSA in JavaScript); a verified chain is trusted for a minute,
  // but every use re-checks each link's revocation, so revoking a street stops its stations' tokens at once.
  private readonly chains = new Map<string, { signer: string; key: KeyObject; serials: string[]; until: number }>();
  /** This node's own `x5c`, as its tokens carry it, and its chain's serials. */
  private readonly ownX5c: string | undefined;
  private readonly ownSerials: string[];
  // A clerk sends the same token with every request: its signature and claims are checked once,
  // then only its expiry (and, through signerOf, its chain's revocation) at each use.
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  private constructor(
    private readonly opts: StaffTokensOptions,
    private readonly signingKey: CryptoKey,
    private readonly ownKey: KeyObject,
  ) {
    const own = (opts.chainPem ?? []).map((pem) => new X509Certificate(pem));
    this.ownX5c = opts.chainPem ? JSON.stringify(own.map((c) => c.raw.toString('base64'))) : undefined;
    this.ownSerials = chainSerials(opts.chainPem ?? []);
  }

  static async create(opts: StaffTokensOptions): Promise<StaffTokens> {
    return new StaffTokens(opts, await importPKCS8(opts.keyPem, 'RS256'), createPublicKey(opts.keyPem));
  }

  async sign(account: StaffAccount): Promise<{ token: string; expiresAt: string }> {
    // A node the district revoked lets no one in: every token it signed is void already.
    if (this.ownSerials.some((serial) => this.opts.isRevoked(serial)))
      throw new HallnetError('ERR_CERT_REVOKED', "this node's certificate is revoked");
    const iat = Math.floor(this.opts.clock().getTime() / 1000);
    const exp = iat + this.opts.ttlSeconds;
    const x5c = this.opts.chainPem?.map((pem) => new X509Certificate(pem).raw.toString('base64'));
    // iat_ms: the issue time to the millisecond, so a login just after an account change is not void with it (authenticate.ts).
    const token = await new SignJWT({
      name: account.name,
      org: account.org,
      roles: account.roles,
      iat_ms: this.opts.clock().getTime(),
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(x5c ? { x5c } : {}) })
      .setIssuer(`${LOCAL_ISSUER_PREFIX}${this.opts.org}`)
      .setAudience(AUDIENCE)
      .setSubject(`staff:${account.account}`)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.signingKey);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Verifies a clerk token signed by this node or, through its chain, by a node whose subtree holds this one. */
  async verify(token: string): Promise<Principal> {
    const { signer, key } = this.signerOf(token);
    const known = this.verified.get(token);
    if (known && this.opts.clock().getTime() <= known.until) return known.principal;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['RS256'],
        issuer: `${LOCAL_ISSUER_PREFIX}${signer}`,
        audience: AUDIENCE,
        currentDate: this.opts.clock(),
        clockTolerance: TOLERANCE_SECONDS,
      });
      const c = claimsSchema.parse(payload);
      // A node vouches only for its own subtree's clerks.
      if (!isWithin(c.org, signer))
        throw new HallnetError('ERR_TOKEN_INVALID', `${signer} may not sign for staff of ${c.org}`);
      const principal: Principal = {
        kind: 'staff',
        id: c.sub.slice('staff:'.length),
        name: c.name,
        org: c.org,
        roles: c.roles,
      };
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= 10_000) this.verified.clear();
        // Good until its expiry with the same tolerance jwtVerify allows.
        this.verified.set(token, { principal, until: (payload.exp + TOLERANCE_SECONDS) * 1000 });
      }
      return principal;
    } catch (err) {
      if (err instanceof HallnetError) throw err;
      if ((err as { code?: string }).code === 'ERR_JWT_EXPIRED')
        throw new HallnetError('ERR_TOKEN_EXPIRED', 'token expired', { cause: err });
      throw new HallnetError('ERR_TOKEN_INVALID', (err as Error).message, { cause: err });
    }
  }

  private signerOf(token: string): { signer: string; key: KeyObject } {
    let x5c: unknown;
    try {
      x5c = decodeProtectedHeader(token).x5c;
    } catch (err) {
      throw new HallnetError('ERR_TOKEN_INVALID', 'not a token', { cause: err });
    }
    const cacheKey = JSON.stringify(x5c);
    // This node's own tokens are checked with its own key, whatever its certificate's dates: the
    // certificate vouches for the node to others, and a station whose certificate ran out while
    // it was cut off still lets its own clerks in (design: clerks log in offline). A revocation
    // of its chain still ends them, as everywhere.
    if (x5c === undefined || cacheKey === this.ownX5c) {
      if (this.ownSerials.some((serial) => this.opts.isRevoked(serial)))
        throw new HallnetError('ERR_CERT_REVOKED', "this node's certificate is revoked");
      return { signer: this.opts.org, key: this.ownKey };
    }
    const now = this.opts.clock().getTime();
    const cached = this.chains.get(cacheKey);
    if (cached && cached.until > now && !cached.serials.some((s) => this.opts.isRevoked(s))) return cached;
    const root = this.opts.chainPem?.at(-1);
    if (!root) throw new HallnetError('ERR_TOKEN_INVALID', 'this node is not enrolled: it trusts no other node yet');
    if (!Array.isArray(x5c) || !x5c.every((c) => typeof c === 'string'))
      throw new HallnetError('ERR_TOKEN_INVALID', 'malformed x5c');
    let chainPem: string[];
    try {
      chainPem = x5c.map((der: string) => new X509Certificate(new Uint8Array(Buffer.from(der, 'base64'))).toString());
    } catch (err) {
      throw new HallnetError('ERR_TOKEN_INVALID', 'malformed certificate in x5c', { cause: err });
    }
    const certs = chainPem.map((pem) => new X509Certificate(pem));
    if (certs[0]!.publicKey.equals(this.ownKey)) {
      // Signed by this node's key under a certificate it held before a renewal (same key): still its own clerks.
      const own = {
        signer: this.opts.org,
        key: this.ownKey,
        serials: certs.map((c) => c.serialNumber.toLowerCase()),
        until: now + CHAIN_CACHE_MS,
      };
      if (own.serials.some((serial) => this.opts.isRevoked(serial)))
        throw new HallnetError('ERR_CERT_REVOKED', "this node's certificate is revoked");
      this.chains.set(cacheKey, own);
      return own;
    }
    const signer = verifyNodeChain({ chainPem, rootPem: root, now: this.opts.clock(), isRevoked: this.opts.isRevoked });
    if (!isWithin(this.opts.org, signer.org)) {
      throw new HallnetError('ERR_TOKEN_INVALID', `a clerk token of ${signer.org} is not accepted at ${this.opts.org}`);
    }
    const verified = {
      signer: signer.org,
      key: createPublicKey(chainPem[0]!),
      serials: signer.chainSerials,
      until: now + CHAIN_CACHE_MS,
    };
    if (this.chains.size > 1000) this.chains.clear();
    this.chains.set(cacheKey, verified);
    return verified;
  }
}
