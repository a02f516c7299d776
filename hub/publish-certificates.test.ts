import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';
import { createCsr, createNodeKey, createRootCa, issueCertificate, verifyNodeChain } from '../identity/index.js';
import { certificateDocId } from '../sync/index.js';
import { signingKeyOf, type Authenticate, type NodeIdentity } from './gateway/gateway-types.js';
import { EnrolledKeys } from './enrolled-keys.js';
import { publishCertificates } from './publish-certificates.js';
import { createPouchStore } from './store/pouch-store.js';
import type { Store } from './store/store.js';

const root = createRootCa({ district: 'dongcheng', name: '东城区 CA' });
const issue = (
  issuer: { certPem: string; keyPem: string },
  org: string,
  level: 5 | 6,
  name: string,
  o: { keyPem?: string; serial?: string } = {},
) => {
  const keyPem = o.keyPem ?? createNodeKey();
  const certPem = issueCertificate({
    csrPem: createCsr({ keyPem, org, level, name }),
    issuerCertPem: issuer.certPem,
    issuerKeyPem: issuer.keyPem,
    ...(o.serial ? { serial: o.serial } : {}),
  });
  return { certPem, keyPem };
};
const HCG = 'dongcheng/jingshan/huangchenggen';
const street = issue(root, 'dongcheng/jingshan', 5, '景山街道');
const community = issue(street, HCG, 6, '皇城根社区');
/** A node as the hub's authenticator admits it: its chain runs leaf first, up to the street. */
const nodeOf = (leafPem: string): NodeIdentity => {
  const chain = [leafPem, street.certPem];
  const who = verifyNodeChain({ chainPem: chain, rootPem: root.certPem, now: new Date() });
  return { org: who.org, node: who.fingerprint, serial: who.serial, chain, key: signingKeyOf(leafPem) };
};
const station = nodeOf(community.certPem);
const chain = station.chain;

describe('publishCertificates', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: Store;
  const revoked = new Set<string>();
  const stops: (() => void)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop();
    revoked.clear();
    await store.close();
    dir.remove();
  });

  /** A hub's publishing authenticator over `store`, admitting whichever node `who` names. */
  async function hubFor(who: () => NodeIdentity): Promise<Authenticate> {
    const followed = EnrolledKeys.follow(store, (s) => revoked.has(s), pino({ level: 'silent' }));
    stops.push(followed.stop);
    await followed.ready;
    return publishCertificates(async () => who(), {
      store,
      district: 'dongcheng',
      rootPem: root.certPem,
      clock: () => new Date(),
      logger: pino({ level: 'silent' }),
      enrolled: followed.keys,
    });
  }

  it("publishes a node's chain once for concurrent first requests, at one hub or two over one store, never failing one", async () => {
    dir = tempDir();
    store = await createPouchStore({ dir: dir.path });
    const [one, two] = [await hubFor(() => station), await hubFor(() => station)];
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

  describe("a street's key signing for its station", () => {
    let at: NodeIdentity;
    let hub: Authenticate;
    const request = () => hub({} as never);
    beforeEach(async () => {
      dir = tempDir();
      store = await createPouchStore({ dir: dir.path });
      at = station;
      hub = await hubFor(() => at);
      await request();
    });

    it("refuses a certificate with a new key under the station's own serial, and publishes nothing of it", async () => {
      at = nodeOf(issue(street, HCG, 6, '皇城根社区', { serial: station.serial }).certPem);
      await expect(request()).rejects.toMatchObject({
        code: 'ERR_CERT_INVALID',
        message: expect.stringContaining('serial'),
      });
      expect((await store.get(certificateDocId(station.serial)))?.certPem).toBe(`${community.certPem.trim()}\n`);
    });

    it("refuses a second key for the station until the first key's certificate is revoked", async () => {
      const second = nodeOf(issue(street, HCG, 6, '皇城根社区').certPem);
      at = second;
      await expect(request()).rejects.toMatchObject({
        code: 'ERR_CERT_INVALID',
        message: expect.stringContaining('another key enrolled'),
      });
      expect(await store.get(certificateDocId(second.serial))).toBeUndefined();
      revoked.add(station.serial);
      await expect(request()).resolves.toBe(second);
      expect(await store.get(certificateDocId(second.serial))).toMatchObject({ org: HCG });
    });

    it('admits a renewal: a new certificate for the same key', async () => {
      const renewal = nodeOf(issue(street, HCG, 6, '皇城根社区', { keyPem: community.keyPem }).certPem);
      at = renewal;
      await expect(request()).resolves.toBe(renewal);
      expect(await store.get(certificateDocId(renewal.serial))).toMatchObject({ org: HCG });
    });

    it('admits one of four keys minted for a new station whose first requests come at once', async () => {
      const keys = Array.from({ length: 4 }, () =>
        nodeOf(issue(street, 'dongcheng/jingshan/jixiang', 6, '吉祥社区').certPem),
      );
      let next = 0;
      const racing = await hubFor(() => keys[next++]!);
      const answers = await Promise.allSettled(keys.map(() => racing({} as never)));
      expect(answers.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      expect(answers.filter((a) => a.status === 'rejected')).toHaveLength(3);
    });

    it('refuses another instance, that has not seen the station yet, the same second key: it reads what is enrolled from the store', async () => {
      at = nodeOf(issue(street, HCG, 6, '皇城根社区').certPem);
      const other = await hubFor(() => at);
      await expect(other({} as never)).rejects.toMatchObject({ code: 'ERR_CERT_INVALID' });
    });
  });
});
