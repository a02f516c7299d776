import { decodeProtectedHeader, errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import forge from 'node-forge';
import { HallnetError } from '../../sync/index.js';
import { derToPem, parseCertPem } from './lib/pem.js';
import { MAX_TOKEN_LENGTH, MAX_TOKEN_TTL_SECONDS, NODE_TOKEN_ISSUER } from './lib/node-token-rules.js';
import { verifyNodeChain, type NodeIdentity } from './verify-node-chain.js';

export interface VerifyNodeTokenOptions {
  /** The district root this verifier trusts. */
  rootPem: string;
  /** This verifier's own name; a token for anyone else is refused. */
  audience: string;
  now?: Date;
  /** Clock difference tolerated on exp, nbf and iat; default 30. */
  maxSkewSeconds?: number;
  /** Asked with each chain link's serial in lowercase hex. */
  isRevoked?: (serialHex: string) => boolean;
}

/** A verified node token: the node as its certificate names it, and the token's id and expiry for replay checks. */
export interface NodeTokenIdentity extends NodeIdentity {
  jti: string;
  /** Seconds since the epoch. */
  exp: number;
}

const invalid = (reason: string, cause?: unknown) => new HallnetError('ERR_TOKEN_INVALID', reason, { cause });

/**
 * Verifies a node token: RS256 only, the `x5c` chain up to the trusted root, the signature by the
 * leaf's key, then audience, issuer and times. The node's organisation comes from its certificate;
 * claims cannot change it.
 */
export async function verifyNodeToken(token: string, opts: VerifyNodeTokenOptions): Promise<NodeTokenIdentity> {
  const skew = opts.maxSkewSeconds ?? 30;
  if (!Number.isFinite(skew) || skew < 0 || skew > MAX_TOKEN_TTL_SECONDS) {
    throw new HallnetError('ERR_CONFIG', `maxSkewSeconds must be between 0 and ${MAX_TOKEN_TTL_SECONDS}`);
  }
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) throw invalid('not a node token');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch (cause) {
    throw invalid('malformed token header', cause);
  }
  // Decided before any key is touched, so "none" and HMAC-with-the-public-key never reach a verifier.
  if (header.alg !== 'RS256') throw invalid(`algorithm ${String(header.alg)} not accepted`);
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length < 1 || x5c.length > 3 || !x5c.every(isBase64)) {
    throw invalid('x5c must hold one to three base64 DER certificates');
  }
  const chainPem = x5c.map((b64) => derToPem(forge.util.decode64(b64)));
  const who = verifyNodeChain({ chainPem, rootPem: opts.rootPem, now: opts.now, isRevoked: opts.isRevoked });
  const leafKey = await importSPKI(
    forge.pki.publicKeyToPem(parseCertPem(chainPem[0]!, 'chain[0]').cert.publicKey),
    'RS256',
  );

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, leafKey, {
      algorithms: ['RS256'],
      issuer: NODE_TOKEN_ISSUER,
      audience: opts.audience,
      currentDate: opts.now,
      clockTolerance: skew,
      // Makes iat required and refuses one in the future beyond the skew.
      maxTokenAge: MAX_TOKEN_TTL_SECONDS,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (cause) {
    if (cause instanceof errors.JWTExpired) throw new HallnetError('ERR_TOKEN_EXPIRED', cause.message, { cause });
    throw invalid(cause instanceof Error ? cause.message : 'token does not verify', cause);
  }
  const { iat, exp, jti } = payload as { iat: number; exp: number; jti: unknown };
  if (typeof jti !== 'string' || jti === '' || jti.length > 200) throw invalid('jti must be a non-empty string');
  if (exp - iat > MAX_TOKEN_TTL_SECONDS) throw invalid(`token lifetime exceeds ${MAX_TOKEN_TTL_SECONDS} s`);
  return { ...who, jti, exp };
}

function isBase64(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && s.length < 8192 && /^[A-Za-z0-9+/]+={0,2}$/.test(s);
}
