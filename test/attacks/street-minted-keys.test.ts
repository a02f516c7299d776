import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import {
  createCsr,
  createNodeKey,
  issueCertificate,
  readKeyFile,
  signNodeToken,
  verifyNodeChain,
} from '../../identity/index.js';
import { readNodeChain } from '../../node/auth/node-chain.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { certificateDocId, HUB_AUDIENCE } from '../../sync/index.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';

// A street office's node key is a certificate authority for its stations: it signs their
// certificates. With it, a street could mint a second key for a station it does not run — under
// the station's own serial, which the district's revocation names, or under a new one — and sign
// as that station past every rule that limits what a street may do for its station. The hub
// admits one key per station and one certificate per serial.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';

const dir = tempDir('hallnet-street-keys-');
let district: RunningDistrict;
let streetKey: string;
let streetChain: string[];
let stationSerial: string;

/** A certificate for the station, signed with the street's genuine key; the chain up to the district. */
function minted(keyPem: string, serial?: string): string[] {
  const certPem = issueCertificate({
    csrPem: createCsr({ keyPem, org: A, level: 6, name: '皇城根社区' }),
    issuerCertPem: streetChain[0]!,
    issuerKeyPem: streetKey,
    ...(serial ? { serial } : {}),
  });
  return [certPem, ...streetChain];
}

/** What the hub answers a token of `keyPem` with `chainPem`. */
async function hubAnswers(keyPem: string, chainPem: string[]): Promise<{ status: number; body: { reason?: string } }> {
  const token = await signNodeToken({ keyPem, chainPem, audience: HUB_AUDIENCE });
  const res = await fetch(`${district.hub!.url}/db/`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { reason?: string } };
}

const serialOf = (chainPem: string[]) =>
  verifyNodeChain({ chainPem, rootPem: district.ca.chainPem[0]!, now: new Date() }).serial;

beforeAll(async () => {
  district = await startDistrict({ dir: dir.path, nodes: [{ org: CENTER }, { org: STREET }, { org: A }] });
  const streetDir = district.nodeDir(STREET);
  streetKey = readKeyFile(nodeKeyPath(streetDir));
  streetChain = readNodeChain(streetDir)!;
  stationSerial = serialOf(readNodeChain(district.nodeDir(A))!);
  // The station synced: the hub enrolled its key.
  await eventually(() => district.hub!.store.get(certificateDocId(stationSerial)), 30_000, "the station's certificate");
}, 120_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe("a street's genuine key minting its station's certificates", () => {
  it("is refused a new key under the station's own serial; the station's certificate stays the one published", async () => {
    const before = await district.hub!.store.get(certificateDocId(stationSerial));
    const key = createNodeKey();
    const refused = await hubAnswers(key, minted(key, stationSerial));
    expect(refused.status).toBe(401);
    expect(refused.body.reason).toContain(`serial ${stationSerial} names another certificate`);
    expect(await district.hub!.store.get(certificateDocId(stationSerial))).toEqual(before);
  });

  it('is refused a second key for the station, under a serial of its own, and publishes nothing of it', async () => {
    const key = createNodeKey();
    const chain = minted(key);
    const refused = await hubAnswers(key, chain);
    expect(refused.status).toBe(401);
    expect(refused.body.reason).toContain(`${A} has another key enrolled`);
    expect(await district.hub!.store.get(certificateDocId(serialOf(chain)))).toBeUndefined();
  });

  it("is admitted for the station's renewal: its own key in a new certificate", async () => {
    const key = readKeyFile(nodeKeyPath(district.nodeDir(A)));
    const chain = minted(key);
    expect((await hubAnswers(key, chain)).status).toBe(200);
    expect(await district.hub!.store.get(certificateDocId(serialOf(chain)))).toMatchObject({ org: A });
  });
});
