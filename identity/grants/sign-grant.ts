import { CompactSign, importPKCS8 } from 'jose';
import forge from 'node-forge';
import { grantPayloadSchema, HallnetError, ROOT_ONLY_RIGHTS, type GrantPayload } from '../../sync/index.js';
import { parseCertPem } from '../pki/lib/pem.js';
import { toPkcs8Pem, parsePrivateKey } from '../pki/lib/rsa-key.js';
import { grantIdOf } from './grant-id.js';

/** Media type of a grant's JWS, so no other signed object of ours can pass for one. */
export const GRANT_TYPE = 'hallnet-grant+jws';

/**
 * Signs a grant as its grantor: the district root with the CA key, or a node with its own key.
 * The signer's chain travels in `x5c`, so anyone holding the district root can check it offline.
 */
export async function signGrant(
  payload: GrantPayload,
  signer: { keyPem: string; chainPem: string[] },
): Promise<{ jws: string; grantId: string }> {
  const p = grantPayloadSchema.parse(payload);
  const rootOnly = p.rights.filter((r) => ROOT_ONLY_RIGHTS.includes(r));
  if (rootOnly.length)
    throw new HallnetError('ERR_GRANT_INVALID', `${rootOnly.join(', ')} cannot be granted: the district keeps it`);
  const x5c = signer.chainPem.map((pem, i) => forge.util.encode64(parseCertPem(pem, `chain[${i}]`).der));
  const key = await importPKCS8(toPkcs8Pem(parsePrivateKey(signer.keyPem, 'grantor key')), 'RS256');
  const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(p)))
    .setProtectedHeader({ alg: 'RS256', typ: GRANT_TYPE, x5c })
    .sign(key);
  return { jws, grantId: grantIdOf(jws) };
}
