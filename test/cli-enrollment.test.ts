import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hallnet, hallnetServer, stopServer } from './support/cli-process.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running) await stopServer(child);
  dir.remove();
});

const hubEnv = { HUB_DATA: join(dir.path, 'hub'), HUB_PORT: '0' };
const streetEnv = { HALLNET_DATA: join(dir.path, 'street'), HALLNET_ORG: 'dongcheng/jingshan', HALLNET_LEVEL: '5' };
const communityEnv = {
  HALLNET_DATA: join(dir.path, 'community'),
  HALLNET_ORG: 'dongcheng/jingshan/huangchenggen',
  HALLNET_LEVEL: '6',
  HALLNET_PORT: '0',
  HALLNET_SEED: '0',
};

describe('enrolling and running a district with the hallnet command, as operators would', () => {
  it('makes the CA, enrolls a street by the district and a community by its street, and syncs', async () => {
    hallnet(['ca', 'init', '--name', '东城区政务服务中心 CA'], hubEnv);
    expect(statSync(join(dir.path, 'hub', 'ca.key.pem')).mode & 0o777).toBe(0o600);

    hallnet(['csr', '--name', '景山街道办事处', '--out', join(dir.path, 'street.csr')], streetEnv);
    expect(statSync(join(dir.path, 'street', 'node.key.pem')).mode & 0o777).toBe(0o600);
    hallnet(['ca', 'sign', join(dir.path, 'street.csr'), '--out', join(dir.path, 'street.chain')], hubEnv);
    hallnet(['cert', 'install', join(dir.path, 'street.chain')], streetEnv);

    hallnet(['csr', '--name', '皇城根社区服务站', '--out', join(dir.path, 'community.csr')], communityEnv);
    // The street office signs for its own community, without the district.
    hallnet(['sign', join(dir.path, 'community.csr'), '--out', join(dir.path, 'community.chain')], streetEnv);
    hallnet(['cert', 'install', join(dir.path, 'community.chain')], communityEnv);
    // A community cannot sign for anyone.
    expect(() => hallnet(['sign', join(dir.path, 'street.csr')], communityEnv)).toThrow(
      /ERR_CERT_INVALID|not a CA|may not issue/i,
    );

    const hub = await hallnetServer(['hub'], hubEnv);
    running.push(hub.child);
    // A replicator that is not a hallnet node (a department's CouchDB) proves itself with this token.
    const token = hallnet(['node-token'], streetEnv).trim();
    const asStreet = await fetch(`${hub.url}/db/`, { headers: { authorization: `Bearer ${token}` } });
    expect(asStreet.status).toBe(200);
    const node = await hallnetServer(['node'], { ...communityEnv, HALLNET_HUB_URL: hub.url });
    running.push(node.child);
    // The community was seeded with nothing: the catalogue arrives from the hub.
    await eventually(
      async () => (await (await fetch(`${node.url}/healthz`)).json()).matters > 40,
      30_000,
      'catalogue synced to the community',
    );
    expect(await stopServer(node.child)).toBe(0);
    expect(await stopServer(hub.child)).toBe(0);
  }, 120_000);
});
