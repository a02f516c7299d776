import { X509Certificate } from 'node:crypto';
import type { Logger } from 'pino';
import { verifyNodeChain } from '../identity/index.js';
import { certificateDocId, HallnetError, type CertificateDoc } from '../sync/index.js';
import { keyIdOf } from '../sync/node-only.js';
import type { EnrolledKeys } from './enrolled-keys.js';
import { DocLocks } from './gateway/doc-locks.js';
import type { Authenticate, NodeIdentity } from './gateway/gateway-types.js';
import type { Store, StoredDoc } from './store/store.js';

/**
 * Publishes the certificate chain of every node the hub admits, as replicated `certificate`
 * documents (a public type), before the node's first write is answered: every other node then
 * holds the keys it needs to check, offline, who signed each event it receives. A certificate's
 * document never changes, so publishing is create-if-absent: concurrent first requests of a node
 * share one publication, and a document another hub instance wrote first is the same one.
 * A certificate is admitted only under a serial no other certificate holds, and one a street
 * issued only as its station's one key (`EnrolledKeys`): a street's key can sign certificates,
 * but not a second key for a station that has one. The district root's own are the district's word.
 */
export function publishCertificates(
  authenticate: Authenticate,
  o: {
    store: Store;
    district: string;
    rootPem: string;
    clock: () => Date;
    logger: Logger;
    enrolled: EnrolledKeys;
  },
): Authenticate {
  /** Fingerprints of the certificates published: a certificate under another's serial is not one of them. */
  const published = new Set<string>();
  const publishing = new Map<string, Promise<void>>();
  // One organisation's (and one serial's) certificates are admitted one after another: each new key
  // is checked against the ones published before it, not beside them.
  const admissions = new DocLocks();
  const publish = (node: NodeIdentity) => {
    const now = o.clock();
    const docs = node.chain.map((_, i) => certificateDoc(node.chain.slice(i), o.district, o.rootPem, now));
    const ids = docs.flatMap((d) => [`org:${d.org}`, `serial:${d.serial}`]);
    return admissions.run(ids, () => admit(node, docs, now));
  };
  const admit = async (node: NodeIdentity, docs: CertificateDoc[], now: Date) => {
    for (const doc of docs) {
      const problem = o.enrolled.problem(doc, now, doc.issuerOrg !== o.district);
      if (problem) {
        o.logger.warn({ org: node.org, serial: doc.serial, problem }, 'node certificate not admitted');
        throw new HallnetError('ERR_CERT_INVALID', problem);
      }
    }
    for (const doc of docs) {
      if (!(await o.store.get(doc._id))) await createCertificateDoc(o.store, doc);
      o.enrolled.note(doc);
    }
    published.add(node.node);
    o.logger.info({ org: node.org, serial: node.serial }, 'node certificate published');
  };
  return async function authenticateAndPublish(c) {
    const node = await authenticate(c);
    if (!published.has(node.node)) {
      let once = publishing.get(node.node);
      if (!once) {
        once = publish(node).finally(() => publishing.delete(node.node));
        publishing.set(node.node, once);
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
  // Another hub instance published another certificate under this serial a moment before.
  if (held?.type === 'certificate')
    throw new HallnetError('ERR_CERT_INVALID', `serial ${doc.serial} names another certificate`);
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
