import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';
import { createCsr, createNodeKey, createRootCa, issueCertificate, verifyNodeChain } from '../identity/index.js';
import { certificateDocId } from '../sync/index.js';
import { signingKeyOf, type Authenticate, type NodeIdentity } from './gateway/gateway-types.js';
import { publishCertificates } from './publish-certificates.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store } from './store/store.js';

const root = createRootCa({ district: 'dongcheng', name: '东城区 CA' });
const issue = (issuer: { certPem: string; keyPem: string }, org: string, level: 5 | 6, name: string) => {
  const keyPem = createNodeKey();
  const certPem = issueCertificate({
    csrPem: createCsr({ keyPem, org, level, name }),
    issuerCertPem: issuer.certPem,
    issuerKeyPem: issuer.keyPem,
  });
  return { certPem, keyPem };
};
const street = issue(root, 'dongcheng/jingshan', 5, '景山街道');
const community = issue(street, 'dongcheng/jingshan/huangchenggen', 6, '皇城根社区');
/** The community station as the hub's authenticator admits it: its chain runs leaf first, up to the street. */
const chain = [community.certPem, street.certPem];
const who = verifyNodeChain({ chainPem: chain, rootPem: root.certPem, now: new Date() });
const station: NodeIdentity = {
  org: who.org,
  node: who.fingerprint,
  serial: who.serial,
  chain,
  key: signingKeyOf(community.certPem),
};

describe('publishCertificates', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it("publishes a node's chain once for concurrent first requests, at one hub or two over one store, never failing one", async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    const admit: Authenticate = async () => station;
    const hub = (): Authenticate =>
      publishCertificates(admit, {
        store,
        district: 'dongcheng',
        rootPem: root.certPem,
        clock: () => new Date(),
        logger: pino({ level: 'silent' }),
      });
    const [one, two] = [hub(), hub()];
    const requests = Array.from({ length: 24 }, (_, i) => (i % 2 ? one : two)({} as never));
    const settled = await Promise.allSettled(requests);
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const pem of chain) {
      const serial = verifyNodeChain({
        chainPem: chain.slice(chain.indexOf(pem)),
        rootPem: root.certPem,
        now: new Date(),
      }).serial;
      const doc = await store.get(certificateDocId(serial), { conflicts: true });
      expect(doc?.certPem).toBe(`${pem.trim()}\n`);
      // One revision: no publication overwrote another.
      expect(doc?._rev).toMatch(/^1-/);
      expect(doc?._conflicts).toBeUndefined();
    }
    // Published: later requests do not write again.
    const before = (await store.info()).updateSeq;
    await one({} as never);
    expect((await store.info()).updateSeq).toBe(before);
  });
});
