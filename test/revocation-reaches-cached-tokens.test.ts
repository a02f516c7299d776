import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNode, initDistrictCa, nodeAsIssuer, type Issuer } from '../deploy/enroll.js';
import { hubConfigFromEnv } from '../hub/hub-config.js';
import { putDistrictDoc } from '../hub/put-district-doc.js';
import { startHub, type RunningHub } from '../hub/start-hub.js';
import { readKeyFile, signNodeToken, verifyNodeChain } from '../identity/index.js';
import { nodeKeyPath } from '../node/auth/node-key.js';
import type { RunningNode } from '../node/start-node.js';
import { HUB_AUDIENCE, revocationDocId, type RevocationDoc } from '../sync/index.js';
import { clerkClient } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD, startTestNode } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const dir = tempDir();
let ca: Issuer;

/** The district's revocation of a certificate, as an admin's revocation document says it. */
function certificateRevocation(serial: string): RevocationDoc {
  const now = new Date().toISOString();
  return {
    _id: revocationDocId('certificate', serial),
    type: 'revocation',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: { id: 'staff:admin', org: 'dongcheng' },
    at: now,
    what: 'certificate',
    target: serial,
    reason: '街道证书私钥泄露',
    revokedAt: now,
  };
}

/** A street enrolled by the district and a community enrolled by that street; returns the community's chain. */
function enrollStreetAndCommunity(name: string): {
  streetSerial: string;
  communityDir: string;
  communityChain: string[];
} {
  const streetDir = join(dir.path, `${name}-street`);
  const streetChain = enrollNode(streetDir, STREET, '景山街道', ca);
  const communityDir = join(dir.path, `${name}-community`);
  const communityChain = enrollNode(
    communityDir,
    `${STREET}/huangchenggen`,
    '皇城根社区',
    nodeAsIssuer(streetDir, streetChain),
  );
  return {
    streetSerial: verifyNodeChain({ chainPem: streetChain, rootPem: ca.chainPem[0]! }).serial,
    communityDir,
    communityChain,
  };
}

beforeAll(() => {
  ca = initDistrictCa(join(dir.path, 'hub'), 'dongcheng', '东城区 CA');
});

afterAll(() => dir.remove());

describe("revoking a street certificate stops its communities' cached tokens", () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub(
      { ...hubConfigFromEnv({}), dataDir: join(dir.path, 'hub'), port: 0, seed: false, logLevel: 'silent' },
      { rootPem: ca.chainPem[0]! },
    );
    await hub.ready;
  });
  afterAll(async () => hub?.close());

  it("at the hub: the community's token, verified and remembered, is refused on its next request as unauthorized", async () => {
    const { streetSerial, communityDir, communityChain } = enrollStreetAndCommunity('hub');
    const token = await signNodeToken({
      keyPem: readKeyFile(nodeKeyPath(communityDir)),
      chainPem: communityChain,
      audience: HUB_AUDIENCE,
    });
    const dbInfo = async () => {
      const res = await fetch(`${hub.url}/db/`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as { error?: string } };
    };
    // Verified once and remembered: the same token goes on working.
    expect((await dbInfo()).status).toBe(200);
    expect((await dbInfo()).status).toBe(200);

    await putDistrictDoc(hub.store, certificateRevocation(streetSerial));
    // Until the hub's revocation list has the document the token still works; the first other answer is final.
    const refused = await eventually(
      async () => {
        const res = await dbInfo();
        return res.status === 200 ? undefined : res;
      },
      10_000,
      "the street's revocation honoured for a cached community token",
    );
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('unauthorized');
  });
});

describe('revoking a street certificate stops clerk tokens cached at a node', () => {
  let node: RunningNode;

  it("a clerk token carrying the community's chain is refused once the street's revocation is in the replica", async () => {
    const { streetSerial, communityDir } = enrollStreetAndCommunity('node');
    node = await startTestNode(communityDir, `${STREET}/huangchenggen`);
    try {
      const clerk = await clerkClient(node.url, 'clerk', PASSWORD);
      // The token carries the community → street chain, verified once and cached for a minute.
      expect((await clerk.get('/api/auth/me')).status).toBe(200);
      expect((await clerk.get('/api/auth/me')).status).toBe(200);

      // As replication would deliver it: the district's revocation lands in the node's replica.
      await node.services.db.put(certificateRevocation(streetSerial));
      const refused = await eventually(
        async () => {
          const res = await clerk.get('/api/auth/me');
          return res.status === 200 ? undefined : res;
        },
        10_000,
        "the street's revocation honoured for a cached clerk chain",
      );
      expect(refused.status).toBe(401);
      expect(refused.body.error.code).toBe('ERR_CERT_REVOKED');
    } finally {
      await node.close();
    }
  });
});
