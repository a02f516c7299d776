import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import forge from 'node-forge';
import { grantPayloadSchema, HallnetError, isWithin, ROOT_ONLY_RIGHTS, type GrantPayload } from '../../sync/index.js';
import { readCertFacts } from '../pki/lib/cert-facts.js';
import { derToPem, parseCertPem } from '../pki/lib/pem.js';
import { verifyNodeChain } from '../pki/verify-node-chain.js';
import { grantIdOf } from './grant-id.js';
import { GRANT_TYPE } from './sign-grant.js';

export interface VerifyGrantChainOptions {
  /** The district root certificate: the chain must start with a grant signed by its key. */
  rootPem: string;
  now: Date;
  /** Clock difference tolerated on every link's nbf and exp (an offline node's clock drifts); default 300. */
  maxSkewSeconds?: number;
  isRevoked: (grantId: string) => boolean;
  isCertRevoked?: (serialHex: string) => boolean;
}

const bad = (reason: string, cause?: unknown) => new HallnetError('ERR_GRANT_INVALID', reason, { cause });

/**
 * Verifies a chain of grants, the district root's first, and returns what its last link grants.
 * Every link must be signed by its grantor (the root by the CA key, others by a node certified
 * under the root for exactly the grantor's organisation), point at the previous link by hash,
 * be granted by the previous link's grantee organisation holding `grant`, only narrow it (rights,
 * subtree, categories, departments, time), be in force now within the skew, and not be revoked.
 */
export async function verifyGrantChain(links: readonly string[], opts: VerifyGrantChainOptions): Promise<GrantPayload> {
  if (links.length === 0 || links.length > 4) throw bad('a chain holds one to four grants');
  const skew = (opts.maxSkewSeconds ?? 300) * 1000;
  const root = readCertFacts(parseCertPem(opts.rootPem, 'district root'), 'district root');
  const rootDer = root.der;
  const rootOrg = root.org;
  let prev: { id: string; p: GrantPayload } | undefined;
  for (const [i, jws] of links.entries()) {
    const id = grantIdOf(jws);
    if (opts.isRevoked(id)) throw bad(`link ${i} (${id.slice(0, 12)}) is revoked`);
    const chainPem = signerChain(jws, i);
    let signerOrg: string;
    if (!prev) {
      if (parseCertPem(chainPem[0]!, 'signer').der !== rootDer)
        throw bad('the first grant is not signed by this district root');
      signerOrg = rootOrg;
    } else {
      try {
        signerOrg = verifyNodeChain({
          chainPem,
          rootPem: opts.rootPem,
          now: opts.now,
          ...(opts.isCertRevoked ? { isRevoked: opts.isCertRevoked } : {}),
        }).org;
      } catch (err) {
        throw bad(`link ${i}: its signer's certificate does not verify`, err);
      }
    }
    let payloadBytes: Uint8Array;
    try {
      ({ payload: payloadBytes } = await compactVerify(jws, await importX509(chainPem[0]!, 'RS256'), {
        algorithms: ['RS256'],
      }));
    } catch (err) {
      throw bad(`link ${i}: bad signature`, err);
    }
    const parsed = grantPayloadSchema.safeParse(JSON.parse(new TextDecoder().decode(payloadBytes)));
    if (!parsed.success) throw bad(`link ${i}: malformed grant`);
    const p = parsed.data;
    if (p.grantor !== signerOrg) throw bad(`link ${i}: signed by ${signerOrg}, not by its grantor ${p.grantor}`);
    if (p.rights.some((r) => ROOT_ONLY_RIGHTS.includes(r))) throw bad(`link ${i}: carries a right the district keeps`);
    const now = opts.now.getTime();
    if (now + skew < p.nbf * 1000) throw bad(`link ${i}: not in force yet`);
    if (now - skew > p.exp * 1000) throw bad(`link ${i}: expired`);
    if (p.nbf > p.exp) throw bad(`link ${i}: ends before it starts`);
    if (!prev) {
      if (p.parent !== null) throw bad('the first grant must have no parent');
      if (!isWithin(p.subtree, rootOrg)) throw bad('the root grant reaches outside the district');
    } else {
      narrows(prev.p, prev.id, p, i);
    }
    prev = { id, p };
  }
  return prev!.p;
}

function narrows(parent: GrantPayload, parentId: string, p: GrantPayload, i: number): void {
  if (p.parent !== parentId) throw bad(`link ${i}: does not point at the link before it`);
  if (!('org' in parent.grantee) || 'role' in parent.grantee || 'account' in parent.grantee)
    throw bad(`link ${i}: only an organisation can pass a grant on`);
  if (parent.grantee.org !== p.grantor)
    throw bad(`link ${i}: granted by ${p.grantor}, but the link before went to ${parent.grantee.org}`);
  if (!parent.rights.includes('grant')) throw bad(`link ${i}: the link before does not allow passing rights on`);
  const extra = p.rights.filter((r) => !parent.rights.includes(r));
  if (extra.length) throw bad(`link ${i}: grants ${extra.join(', ')}, which the link before lacks`);
  if (!isWithin(p.subtree, parent.subtree))
    throw bad(`link ${i}: subtree ${p.subtree} is wider than ${parent.subtree}`);
  if (p.exp > parent.exp) throw bad(`link ${i}: ends after the link before`);
  if (p.nbf < parent.nbf) throw bad(`link ${i}: starts before the link before`);
  if (parent.categories && (!p.categories || p.categories.some((c) => !parent.categories!.includes(c))))
    throw bad(`link ${i}: widens the categories`);
  if (parent.departments && (!p.departments || p.departments.some((d) => !parent.departments!.includes(d))))
    throw bad(`link ${i}: widens the departments`);
}

/** The signer's certificate chain a link carries in `x5c`, as PEM (the folder's own helper). */
export function signerChain(jws: string, i: number): string[] {
  let x5c: unknown;
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
    x5c = header.x5c;
  } catch (err) {
    throw bad(`link ${i}: not a JWS`, err);
  }
  if (header.alg !== 'RS256' || header.typ !== GRANT_TYPE) throw bad(`link ${i}: not an RS256 grant`);
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > 3 || !x5c.every((c) => typeof c === 'string'))
    throw bad(`link ${i}: no signer chain`);
  try {
    return x5c.map((b64: string) => derToPem(forge.util.decode64(b64)));
  } catch (err) {
    throw bad(`link ${i}: unreadable signer chain`, err);
  }
}
