import { SignJWT, importPKCS8 } from 'jose';
import forge from 'node-forge';
import { HallnetError } from '../../sync/index.js';
import { parseCertPem } from './lib/pem.js';
import { isKeyPair, parsePrivateKey, toPkcs8Pem } from './lib/rsa-key.js';
import { MAX_TOKEN_TTL_SECONDS, NODE_TOKEN_ISSUER } from './lib/node-token-rules.js';

export interface SignNodeTokenOptions {
  /** The node's private key, PKCS#8 or PKCS#1 PEM. */
  keyPem: string;
  /** The node's certificate first, then its issuers up to (optionally including) the root. */
  chainPem: string[];
  /** Who the token is for, e.g. the hub's URL. */
  audience: string;
  /** At most 600; default 60. */
  ttlSeconds?: number;
  now?: Date;
}

/** Signs a short RS256 token that proves this node to `audience`, carrying its chain as `x5c`. */
export async function signNodeToken(opts: SignNodeTokenOptions): Promise<string> {
  const ttl = opts.ttlSeconds ?? 60;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new HallnetError('ERR_CONFIG', `ttlSeconds must be an integer from 1 to ${MAX_TOKEN_TTL_SECONDS}`);
  }
  if (typeof opts.audience !== 'string' || opts.audience === '')
    throw new HallnetError('ERR_CONFIG', 'audience is required');
  if (!Array.isArray(opts.chainPem) || opts.chainPem.length === 0) {
    throw new HallnetError('ERR_CONFIG', 'chainPem must hold at least the node certificate');
  }
  const chain = opts.chainPem.map((pem, i) => parseCertPem(pem, `chain[${i}]`));
  const key = parsePrivateKey(opts.keyPem, 'node key');
  // Caught here because the hub would only answer "invalid token", far from the misconfiguration.
  if (!isKeyPair(chain[0]!.cert.publicKey, key)) {
    throw new HallnetError('ERR_CONFIG', 'the node key does not belong to the first certificate of the chain');
  }
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c: chain.map((c) => forge.util.encode64(c.der)) })
    .setIssuer(NODE_TOKEN_ISSUER)
    .setAudience(opts.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(crypto.randomUUID())
    .sign(await importPKCS8(toPkcs8Pem(key), 'RS256'));
}
