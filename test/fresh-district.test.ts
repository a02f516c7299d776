import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APPLICANT } from './support/fixtures.js';
import { clerkClient, type Client } from './support/client.js';
import { hallnetAsync, hallnetServer, stopServer } from './support/cli-process.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running.reverse()) await stopServer(child);
  dir.remove();
});

const PASSWORD = 'hallnet-walkthrough';
const file = (name: string) => join(dir.path, name);
const hubEnv = { HUB_DATA: file('hub'), HUB_PORT: '0' };
// As deploy/systemd/node.env.example: no seed at the halls, everything comes from the hub.
const nodeEnv = (data: string, org: string, level: number) => ({
  HALLNET_DATA: file(data),
  HALLNET_ORG: org,
  HALLNET_LEVEL: String(level),
  HALLNET_PORT: '0',
  HALLNET_SEED: '0',
  HALLNET_PASSWORD: PASSWORD,
});
const centerEnv = nodeEnv('center', 'dongcheng', 4);
const streetEnv = nodeEnv('street', 'dongcheng/jingshan', 5);
const communityEnv = nodeEnv('community', 'dongcheng/jingshan/huangchenggen', 6);
const UNTIL = `${new Date().getUTCFullYear() + 1}-12-31`;

async function start(args: string[], env: Record<string, string>): Promise<string> {
  const server = await hallnetServer(args, env);
  running.push(server.child);
  return server.url;
}

/** What the admin sees in `hallnet grant list` at a node: "grantor → grantee  rights" per valid grant. */
async function validGrants(nodeUrl: string): Promise<string> {
  const out = await hallnetAsync(['grant', 'list', '--node', nodeUrl, '--account', 'admin'], {
    HALLNET_PASSWORD: PASSWORD,
  });
  return out
    .split('\n')
    .filter((l) => l.includes(' valid '))
    .join('\n');
}

describe("README's walk-through for a fresh production district, as a script of `hallnet` commands", () => {
  it('enrolls the center with the district’s first grant, a street granted by the center’s admin, a community signed and granted by its street, and a case reaches the street', async () => {
    // 1. At the hub: the district CA, then the hub.
    await hallnetAsync(['ca', 'init', '--name', '东城区'], hubEnv);
    const hub = await start(['hub'], hubEnv);

    // 2. The district center: its certificate and the district's first grant, both from the hub's CA.
    await hallnetAsync(['csr', '--name', '东城区政务服务中心', '--out', file('center.csr')], centerEnv);
    await hallnetAsync(['ca', 'sign', file('center.csr'), '--out', file('center.chain.pem')], hubEnv);
    await hallnetAsync(
      ['ca', 'grant', '--to', 'dongcheng', '--until', UNTIL, '--out', file('center.grant.json')],
      hubEnv,
    );
    await hallnetAsync(['cert', 'install', file('center.chain.pem')], centerEnv);
    await hallnetAsync(['grant', 'install', file('center.grant.json')], centerEnv);
    await hallnetAsync(['staff', 'add', 'admin', '--name', '区管理员', '--roles', 'admin'], centerEnv);
    const center = await start(['node'], { ...centerEnv, HALLNET_HUB_URL: hub });

    // 3. A street: enrolled by the district, then granted by the center's admin.
    await hallnetAsync(['csr', '--name', '景山街道办事处', '--out', file('street.csr')], streetEnv);
    await hallnetAsync(['ca', 'sign', file('street.csr'), '--out', file('street.chain.pem')], hubEnv);
    await hallnetAsync(['cert', 'install', file('street.chain.pem')], streetEnv);
    await hallnetAsync(['staff', 'add', 'admin', '--name', '街道管理员', '--roles', 'admin'], streetEnv);
    await hallnetAsync(['staff', 'add', 'clerk', '--name', '街道窗口', '--roles', 'clerk'], streetEnv);
    const street = await start(['node'], { ...streetEnv, HALLNET_HUB_URL: hub });
    await hallnetAsync(
      [
        'grant',
        'add',
        '--node',
        center,
        '--account',
        'admin',
        '--to',
        'dongcheng/jingshan',
        '--rights',
        'case.accept,case.forward,case.deliver,grant',
        '--until',
        UNTIL,
      ],
      centerEnv,
    );
    await eventually(
      async () =>
        (await validGrants(street)).includes(
          'dongcheng → dongcheng/jingshan  case.accept,case.forward,case.deliver,grant',
        ),
      30_000,
      'the street holds its grant',
    );

    // 4. A community station: signed by its street, then granted by the street's admin.
    await hallnetAsync(['csr', '--name', '皇城根社区服务站', '--out', file('community.csr')], communityEnv);
    await hallnetAsync(['sign', file('community.csr'), '--out', file('community.chain.pem')], streetEnv);
    await hallnetAsync(['cert', 'install', file('community.chain.pem')], communityEnv);
    // 5. Its clerk.
    await hallnetAsync(['staff', 'add', 'clerk', '--name', '王窗口', '--roles', 'clerk'], communityEnv);
    const community = await start(['node'], { ...communityEnv, HALLNET_HUB_URL: hub });
    await hallnetAsync(
      [
        'grant',
        'add',
        '--node',
        street,
        '--account',
        'admin',
        '--to',
        'dongcheng/jingshan/huangchenggen',
        '--rights',
        'case.accept,case.forward,case.deliver',
        '--until',
        UNTIL,
      ],
      streetEnv,
    );

    // The community's clerk accepts a case once the catalogue and the grant have arrived; it reaches the street.
    await eventually(
      async () => (await (await fetch(`${community}/healthz`)).json()).matters > 40,
      60_000,
      'catalogue at the community',
    );
    const clerk: Client = await clerkClient(community, 'clerk', PASSWORD);
    const matter = (await clerk.get(`/api/catalogue?q=${encodeURIComponent('残疾人证')}`)).body.items[0];
    const detail = (await clerk.get(`/api/catalogue/${encodeURIComponent(matter.code)}`)).body;
    const received = detail.materials
      .filter((m: { necessity: string }) => m.necessity !== 'optional')
      .map((m: { id: string }) => m.id);
    const accepted = await eventually(
      async () => {
        const res = await clerk.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
        return res.status === 201 ? res.body : undefined;
      },
      30_000,
      'the community may accept cases',
    );
    const atStreet = await clerkClient(street, 'clerk', PASSWORD);
    const seen = await eventually(
      async () => {
        const res = await atStreet.get(`/api/cases/${accepted.id}`);
        return res.status === 200 ? res.body : undefined;
      },
      30_000,
      'the case at the street',
    );
    expect(seen.queryCode).toBe(accepted.queryCode);
    // Nothing the community wrote was refused by the hub on the way.
    const status = (await clerk.get('/api/status')).body;
    expect(status.sync.refused).toEqual([]);
  }, 400_000);
});
