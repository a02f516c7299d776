import { SignJWT, jwtVerify, importPKCS8 } from 'jose';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { HallnetError, orgPathSchema } from '../../sync/index.js';
import { STAFF_ROLES, type Principal } from '../http/principal.js';
import type { StaffAccount } from './staff-verifiers.js';

/** Issuer of tokens a node signs for its own clerks after checking a password locally. */
export const LOCAL_ISSUER_PREFIX = 'hallnet-node:';
export const AUDIENCE = 'hallnet';

const claimsSchema = z.object({
  sub: z.string().startsWith('staff:'),
  name: z.string(),
  org: orgPathSchema,
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
});

/** Signs and checks the short tokens of clerks who logged in at this node. */
export class StaffTokens {
  private readonly issuer: string;

  private constructor(
    org: string,
    private readonly signingKey: CryptoKey,
    private readonly verifyKey: KeyObject,
    private readonly ttlSeconds: number,
    private readonly clock: () => Date,
  ) {
    this.issuer = `${LOCAL_ISSUER_PREFIX}${org}`;
  }

  static async create(org: string, keyPem: string, ttlSeconds: number, clock: () => Date): Promise<StaffTokens> {
    const signingKey = await importPKCS8(keyPem, 'RS256');
    const verifyKey = createPublicKey(keyPem);
    return new StaffTokens(org, signingKey, verifyKey, ttlSeconds, clock);
  }

  async sign(account: StaffAccount): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(this.clock().getTime() / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ name: account.name, org: account.org, roles: account.roles })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setSubject(`staff:${account.account}`)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.signingKey);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Verifies a token this node signed; only RS256 with this node's key passes. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.verifyKey, {
        algorithms: ['RS256'],
        issuer: this.issuer,
        audience: AUDIENCE,
        currentDate: this.clock(),
      });
      const c = claimsSchema.parse(payload);
      return { kind: 'staff', id: c.sub.slice('staff:'.length), name: c.name, org: c.org, roles: c.roles };
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_JWT_EXPIRED') throw new HallnetError('ERR_TOKEN_EXPIRED', 'token expired', { cause: err });
      throw new HallnetError('ERR_TOKEN_INVALID', (err as Error).message, { cause: err });
    }
  }
}
