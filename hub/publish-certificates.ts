import { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { verifyNodeChain } from '../identity/index.js';
import { certificateDocId, HallnetError, type CertificateDoc } from '../sync/index.js';
import { keyIdOf } from '../sync/node-only.js';
import type { Authenticate, NodeIdentity } from './gateway/gateway-types.js';
import type { Store, StoredDoc } from './store/store.js';

/**
 * Publishes the certificate chain of every node the hub admits, as replicated `certificate`
 * documents (a public type), before the node's first write is answered: every other node then
 * holds the keys it needs to check, offline, who signed each event it receives. A certificate's
 * document never changes, so publishing is create-if-absent: concurrent first requests of a node
 * share one publication, and a document another hub instance wrote first is the same one.
 */
export function publishCertificates(
  authenticate: Authenticate,
  o: { store: Store; district: string; rootPem: string; clock: () => Date; logger: Logger },
): Authenticate {
  const published = new Set<string>();
  const publishing = new Map<string, Promise<void>>();
  const publish = async (node: NodeIdentity) => {
    for (let i = 0; i < node.chain.length; i++) {
      const doc = certificateDoc(node.chain.slice(i), o.district, o.rootPem, o.clock());
      if (!(await o.store.get(doc._id))) await createCertificateDoc(o.store, doc);
    }
    published.add(node.serial);
    o.logger.info({ org: node.org, serial: node.serial }, 'node certificate published');
  };
  return async function authenticateAndPublish(c) {
    const node = await authenticate(c);
    if (!published.has(node.serial)) {
      let once = publishing.get(node.serial);
      if (!once) {
        once = publish(node).finally(() => publishing.delete(node.serial));
        publishing.set(node.serial, once);
      }
      await once;
    }
    return node;
  };
}

/** Writes a certificate's document unless it is there: a conflict is someone else's publication of the same certificate. */
async function createCertificateDoc(store: Store, doc: CertificateDoc): Promise<void> {
  const [failure] = await store.bulkDocs([doc as unknown as StoredDoc], { newEdits: true });
  if (!failure) return;
  const held =
    failure.error === 'conflict' ? ((await store.get(doc._id)) as Partial<CertificateDoc> | undefined) : undefined;
  if (held?.type === 'certificate' && held.certPem === doc.certPem) return;
  throw new HallnetError('ERR_INTERNAL', `could not publish ${doc._id}: ${failure.reason}`);
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
