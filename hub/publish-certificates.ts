import { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { verifyNodeChain } from '../identity/index.js';
import { certificateDocId, type CertificateDoc } from '../sync/index.js';
import { keyIdOf } from '../sync/node-only.js';
import type { Authenticate } from './gateway/gateway-types.js';
import { putDistrictDoc } from './put-district-doc.js';
import type { Store } from './store/store.js';

/**
 * Publishes the certificate chain of every node the hub admits, as replicated `certificate`
 * documents (a public type), before the node's first write is answered: every other node then
 * holds the keys it needs to check, offline, who signed each event it receives.
 */
export function publishCertificates(
  authenticate: Authenticate,
  o: { store: Store; district: string; rootPem: string; clock: () => Date; logger: Logger },
): Authenticate {
  const published = new Set<string>();
  return async function authenticateAndPublish(c) {
    const node = await authenticate(c);
    if (!published.has(node.serial)) {
      for (let i = 0; i < node.chain.length; i++) {
        const doc = certificateDoc(node.chain.slice(i), o.district, o.rootPem, o.clock());
        if (!(await o.store.get(doc._id))) await putDistrictDoc(o.store, doc);
      }
      published.add(node.serial);
      o.logger.info({ org: node.org, serial: node.serial }, 'node certificate published');
    }
    return node;
  };
}

/** The replicated document of a chain's first certificate (`chain` runs leaf first, up to the district root). */
function certificateDoc(chain: string[], district: string, rootPem: string, now: Date): CertificateDoc {
  const who = verifyNodeChain({ chainPem: chain, rootPem, now });
  const x509 = new X509Certificate(chain[0]!);
  const issuerOrg = chain[1] ? verifyNodeChain({ chainPem: chain.slice(1), rootPem, now }).org : district;
  return {
    _id: certificateDocId(who.serial),
    type: 'certificate',
    scope: district,
    parties: [district],
    author: { id: 'hub', name: '区级平台', org: district },
    at: now.toISOString(),
    org: who.org,
    level: who.level,
    name: who.name,
    serial: who.serial,
    fingerprint: who.fingerprint,
    kid: keyIdOf(x509.publicKey),
    certPem: `${chain[0]!.trim()}\n`,
    issuerOrg,
    notAfter: new Date(x509.validTo).toISOString(),
  };
}
