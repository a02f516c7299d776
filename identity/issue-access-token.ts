import { SignJWT } from 'jose';
import { randomToken } from './lib/bytes.js';
import { ACCESS_AUDIENCE, ACCESS_TOKEN_TYPE } from './lib/access-token-rules.js';
import type { SigningKeys } from './signing-keys.js';
import type { Account } from './store/identity-store.js';

/** The signing keys, issuer, lifetime and time of an access token. */
export interface IssueAccessTokenOptions {
  keys: SigningKeys;
  issuer: string;
  ttlSeconds: number;
  now: Date;
}

/**
 * Signs an ES256 access token for an account. Claims: iss, aud `hallnet`, sub, iat, nbf, exp, jti,
 * `iat_ms` (the issue time in milliseconds: a node tells a login just after an account change from
 * one just before it within the same second), kind, name; staff also org and roles, residents idNumber and phone (nodes match cases by them)
 * and `idv`: whether a clerk has confirmed that ID number in person.
 */
export async function issueAccessToken(
  account: Account,
  opts: IssueAccessTokenOptions,
): Promise<{ token: string; expiresAt: number }> {
  const { kid, key } = await opts.keys.current();
  const iat = Math.floor(opts.now.getTime() / 1000);
  const exp = iat + opts.ttlSeconds;
  const claims =
    account.kind === 'staff'
      ? { kind: 'staff', name: account.name, org: account.org, roles: account.roles }
      : {
          kind: 'resident',
          name: account.name,
          idNumber: account.idNumber,
          phone: account.phone,
          idv: account.verification !== undefined,
        };
  const token = await new SignJWT({ ...claims, iat_ms: opts.now.getTime() })
    .setProtectedHeader({ alg: 'ES256', typ: ACCESS_TOKEN_TYPE, kid })
    .setIssuer(opts.issuer)
    .setAudience(ACCESS_AUDIENCE)
    .setSubject(account.sub)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(exp)
    .setJti(randomToken(16))
    .sign(key);
  return { token, expiresAt: exp * 1000 };
}
