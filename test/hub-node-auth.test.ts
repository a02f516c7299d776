import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNode, initDistrictCa, nodeCsr, type Issuer } from '../deploy/enroll.js';
import { hubConfigFromEnv } from '../hub/hub-config.js';
import { putDistrictDoc } from '../hub/put-district-doc.js';
import { startHub, type RunningHub } from '../hub/start-hub.js';
import {
  createRootCa,
  issueCertificate,
  readKeyFile,
  signNodeToken,
  verifyNodeChain,
  writeKeyFile,
} from '../identity/index.js';
import { nodeKeyPath } from '../node/auth/node-key.js';
import { HUB_AUDIENCE, revocationDocId, type RevocationDoc } from '../sync/index.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
let hub: RunningHub;
let ca: Issuer;

async function tokenFor(nodeDir: string, chainPem: string[]): Promise<string> {
  return signNodeToken({ keyPem: readKeyFile(nodeKeyPath(nodeDir)), chainPem, audience: HUB_AUDIENCE });
}

async function dbInfo(token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.url}/db/`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  // A CA made long ago, so the test can issue a certificate that has already run out.
  const old = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: new Date(Date.now() - 500 * 86_400_000) });
  writeKeyFile(join(dir.path, 'hub', 'ca.key.pem'), old.keyPem);
  writeFileSync(join(dir.path, 'hub', 'ca.cert.pem'), old.certPem);
  ca = initDistrictCa(join(dir.path, 'hub'), 'dongcheng', '东城区 CA');
  hub = await startHub(
    { ...hubConfigFromEnv({}), dataDir: join(dir.path, 'hub'), port: 0, seed: false, logLevel: 'silent' },
    { rootPem: ca.chainPem[0]! },
  );
  await hub.ready;
});

afterAll(async () => {
  await hub?.close();
  dir.remove();
});

describe('the hub admits only enrolled nodes of its district', () => {
  it('admits a node whose chain ends in the district root', async () => {
    const nodeDir = join(dir.path, 'street');
    const chain = enrollNode(nodeDir, 'dongcheng/jingshan', '景山街道', ca);
    expect((await dbInfo(await tokenFor(nodeDir, chain))).status).toBe(200);
  });

  it('says in its OpenAPI document who may call each endpoint', async () => {
    const doc = await (await fetch(`${hub.url}/openapi.json`)).json();
    expect(doc.paths['/db/_bulk_docs'].post['x-access'].who).toBe('node');
    expect(doc.paths['/healthz'].get['x-access'].who).toBe('anyone');
  });

  it('refuses no token, a malformed one, and an unsigned one (alg none)', async () => {
    expect((await dbInfo()).status).toBe(401);
    expect((await dbInfo('not.a.token')).status).toBe(401);
    const forged = `${btoa(JSON.stringify({ alg: 'none' }))}.${btoa(JSON.stringify({ iss: 'hallnet-node', aud: HUB_AUDIENCE }))}.`;
    expect((await dbInfo(forged)).status).toBe(401);
  });

  it('refuses a node certified by another district', async () => {
    const xicheng = createRootCa({ district: 'xicheng', name: '西城区 CA' });
    const nodeDir = join(dir.path, 'xicheng-node');
    const chain = enrollNode(nodeDir, 'xicheng/xinjiekou', '新街口街道', {
      keyPem: xicheng.keyPem,
      chainPem: [xicheng.certPem],
    });
    const res = await dbInfo(await tokenFor(nodeDir, chain));
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
  });

  it('refuses a node whose certificate has expired', async () => {
    const nodeDir = join(dir.path, 'expired');
    const longAgo = new Date(Date.now() - 400 * 86_400_000);
    const cert = issueCertificate({
      csrPem: nodeCsr(nodeDir, 'dongcheng/dongsi', '东四街道'),
      issuerCertPem: ca.chainPem[0]!,
      issuerKeyPem: ca.keyPem,
      validityDays: 30,
      now: longAgo,
    });
    expect((await dbInfo(await tokenFor(nodeDir, [cert, ...ca.chainPem]))).status).toBe(401);
  });

  it('refuses a node once its certificate is revoked by a replicated document', async () => {
    const nodeDir = join(dir.path, 'revoked');
    const chain = enrollNode(nodeDir, 'dongcheng/qianmen', '前门街道', ca);
    expect((await dbInfo(await tokenFor(nodeDir, chain))).status).toBe(200);
    const { serial } = verifyNodeChain({ chainPem: chain, rootPem: ca.chainPem[0]! });
    const now = new Date().toISOString();
    const revocation: RevocationDoc = {
      _id: revocationDocId('certificate', serial),
      type: 'revocation',
      scope: 'dongcheng',
      parties: ['dongcheng'],
      author: { id: 'staff:admin', org: 'dongcheng' },
      at: now,
      what: 'certificate',
      target: serial,
      reason: '设备遗失',
      revokedAt: now,
    };
    await putDistrictDoc(hub.store, revocation);
    await eventually(
      async () => (await dbInfo(await tokenFor(nodeDir, chain))).status === 401,
      5_000,
      'revocation honoured',
    );
  });
});
