import { decodeJwt } from 'jose';
import { HallnetError, type GrantPayload } from '../../sync/index.js';
import { readCertFacts } from '../pki/lib/cert-facts.js';
import { parseCertPem } from '../pki/lib/pem.js';
import { signerChain, verifyGrantChain, type VerifyGrantChainOptions } from './verify-grant-chain.js';

/** A verified chain and the period it is in force, in milliseconds since the epoch (both ends included). */
export interface GrantChainWindow {
  payload: GrantPayload;
  from: number;
  until: number;
}

/**
 * Verifies a chain once for every moment at which it could be used: everything but time is checked
 * as `verifyGrantChain` checks it, and the answer says when the chain is in force — where every
 * link's nbf–exp and every signer's certificate validity (the district root's too) overlap. So a
 * write can be judged by the rights its writer held when it was made, not only by those held now,
 * without verifying the chain again for every moment asked about.
 */
export async function verifyGrantChainWindow(
  links: readonly string[],
  opts: Omit<VerifyGrantChainOptions, 'now' | 'maxSkewSeconds'>,
): Promise<GrantChainWindow> {
  if (links.length === 0 || links.length > 4)
    throw new HallnetError('ERR_GRANT_INVALID', 'a chain holds one to four grants');
  let from = -Infinity;
  let until = Infinity;
  const within = (start: number, end: number) => {
    from = Math.max(from, start);
    until = Math.min(until, end);
  };
  const root = readCertFacts(parseCertPem(opts.rootPem, 'district root'), 'district root');
  within(root.notBefore.getTime(), root.notAfter.getTime());
  for (const [i, jws] of links.entries()) {
    let claims: { nbf?: unknown; exp?: unknown };
    try {
      claims = decodeJwt(jws);
    } catch (err) {
      throw new HallnetError('ERR_GRANT_INVALID', `link ${i}: not a JWS`, { cause: err });
    }
    if (typeof claims.nbf !== 'number' || typeof claims.exp !== 'number')
      throw new HallnetError('ERR_GRANT_INVALID', `link ${i}: malformed grant`);
    within(claims.nbf * 1000, claims.exp * 1000);
    if (i === 0) continue;
    for (const [j, pem] of signerChain(jws, i).entries()) {
      const cert = readCertFacts(parseCertPem(pem, `link ${i} signer ${j}`), `link ${i} signer ${j}`);
      within(cert.notBefore.getTime(), cert.notAfter.getTime());
    }
  }
  if (from > until)
    throw new HallnetError(
      'ERR_GRANT_INVALID',
      "the chain is never in force: its links and their signers' certificates share no moment",
    );
  // Inside the window every time check passes, so this checks all the rest.
  const payload = await verifyGrantChain(links, {
    ...opts,
    now: new Date(from + Math.floor((until - from) / 2)),
    maxSkewSeconds: 0,
  });
  return { payload, from, until };
}
