import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { readKeyFile, signNodeToken, verifyNodeChain } from '../identity/index.js';
import { readNodeChain } from '../node/auth/node-chain.js';
import { learnRevocation } from '../node/auth/learn-revocation.js';
import { nodeKeyPath } from '../node/auth/node-key.js';
import { nodeWarnings } from '../node/node-warnings.js';
import { REVOKED_BANNER_TEXT, REVOKED_LOGIN_TEXT } from '../node/pages/revoked-text.js';
import { launchChromium } from './browser/support/chromium.js';
import { HUB_AUDIENCE, revocationDoc } from '../sync/index.js';
import { hallnetAsync, hallnetExit } from './support/cli-process.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

// 证书吊销: a hall's key is lost; the district centre's administrator revokes its certificate,
// with the API or the hallnet command, and the hub and every other hall then refuse it.
const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const admin = [{ account: 'admin', name: '管理员', roles: ['admin' as const], password: PASSWORD }];
const clerk = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];

const dir = tempDir('hallnet-cert-revocation-');
let district: RunningDistrict;
let centerAdmin: Client;
const serialOf = (org: string) =>
  verifyNodeChain({ chainPem: readNodeChain(district.nodeDir(org))!, rootPem: district.ca.chainPem[0]! }).serial;

/** What the hub answers the station's own token now. */
async function hubAnswersStation(): Promise<number> {
  const token = await signNodeToken({
    keyPem: readKeyFile(nodeKeyPath(district.nodeDir(A))),
    chainPem: readNodeChain(district.nodeDir(A))!,
    audience: HUB_AUDIENCE,
  });
  return (await fetch(`${district.hub!.url}/db/`, { headers: { authorization: `Bearer ${token}` } })).status;
}

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [
      { org: CENTER, staff: admin },
      { org: STREET, staff: admin },
      { org: A, staff: clerk },
    ],
  });
  centerAdmin = await clerkClient(district.nodes.get(CENTER)!.url, 'admin', PASSWORD);
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('revoking a node certificate at the district centre', () => {
  it("lists the district's certificates, in force, with the hallnet command", async () => {
    await eventually(
      async () =>
        ((await centerAdmin.get('/api/certificates')).body.items as { serial: string }[]).some(
          (c) => c.serial === serialOf(A),
        ),
      30_000,
      "the station's certificate listed",
    );
    const out = await hallnetAsync(['cert', 'list', '--node', district.nodes.get(CENTER)!.url, '--account', 'admin'], {
      HALLNET_PASSWORD: PASSWORD,
    });
    expect(out).toContain(`${serialOf(A)}  in force ${A}`);
  });

  it("is the district centre administrator's alone: a street's admin, or an unknown serial, is refused", async () => {
    const streetAdmin = await clerkClient(district.nodes.get(STREET)!.url, 'admin', PASSWORD);
    const atStreet = await streetAdmin.post(`/api/certificates/${serialOf(A)}/revoke`, { reason: '私钥丢失' });
    expect(atStreet.status).toBe(403);
    expect((await centerAdmin.post('/api/certificates/0badc0de/revoke', { reason: '私钥丢失' })).status).toBe(404);
    expect((await centerAdmin.post(`/api/certificates/${serialOf(A)}/revoke`, {})).status).toBe(400);
    expect(await hubAnswersStation()).toBe(200);
  });

  it('says in one line why the hallnet command was refused, not the raw answer', async () => {
    const revoke = (serial: string, ...more: string[]) =>
      hallnetExit(
        ['cert', 'revoke', serial, '--node', district.nodes.get(CENTER)!.url, '--account', 'admin', ...more],
        { HALLNET_PASSWORD: PASSWORD },
      );
    const own = await revoke(serialOf(CENTER), '--reason', '试一下');
    expect(own.code).toBe(2);
    expect(own.err.trim()).toBe(
      "hallnet: ERR_SCOPE_FORBIDDEN: outside this organisation's subtree: this node's own certificate is replaced at enrolment, not revoked here / 超出本机构的管辖范围",
    );
    const noReason = await revoke(serialOf(A));
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--reason is required');
    expect(noReason.err).not.toContain('received undefined');
  });

  it("is not taken by a hall from whatever answers in the hub's name: an unsigned or back-dated revocation is ignored", async () => {
    const street = district.nodes.get(STREET)!;
    const serial = serialOf(STREET);
    const forged = {
      ...revocationDoc('certificate', serial, {
        org: CENTER,
        author: { id: 'staff:admin', org: CENTER },
        reason: '伪造',
        at: '2020-01-01T00:00:00.000Z',
      }),
      _rev: '1-abc',
    };
    const fake = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(forged)),
    );
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    try {
      const learnt = await learnRevocation({
        hubUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
        district: CENTER,
        chainPem: readNodeChain(district.nodeDir(STREET))!,
        keys: street.services.reference.keys,
        db: street.services.db,
        logger: pino({ level: 'silent' }),
      });
      expect(learnt).toBe(false);
      expect(street.services.reference.isRevoked(serial)).toBe(false);
      expect(await street.services.db.get(forged._id).catch(() => undefined)).toBeUndefined();
    } finally {
      fake.close();
    }
  });

  it("revokes the station's certificate: the hub refuses its token, the other halls hold the revocation", async () => {
    const stationClerk = await clerkClient(district.nodes.get(A)!.url, 'clerk', PASSWORD);
    expect((await stationClerk.get('/api/cases')).status).toBe(200);
    const out = await hallnetAsync(
      [
        'cert',
        'revoke',
        serialOf(A),
        '--node',
        district.nodes.get(CENTER)!.url,
        '--account',
        'admin',
        '--reason',
        '私钥丢失',
      ],
      { HALLNET_PASSWORD: PASSWORD },
    );
    expect(out.trim()).toBe(
      `revoked ${serialOf(A)}: ${A} (${district.nodes.get(A)!.services.reference.orgName(A)}) can no longer sync, and its staff can no longer log in`,
    );
    await eventually(async () => (await hubAnswersStation()) === 401, 30_000, 'the hub refusing the station');
    await eventually(
      () => district.nodes.get(STREET)!.services.reference.isRevoked(serialOf(A)),
      30_000,
      'the revocation at the street',
    );
    expect((await centerAdmin.get('/api/certificates')).body.items).toContainEqual(
      expect.objectContaining({ serial: serialOf(A), revoked: true }),
    );

    // The station itself, which the hub no longer lets sync, asks the hub and learns it: its clerk's
    // token ends, no one logs in any more, and its status says why.
    await eventually(
      () => district.nodes.get(A)!.services.reference.isRevoked(serialOf(A)),
      90_000,
      'the revocation at the revoked station',
    );
    expect((await stationClerk.get('/api/cases')).status).toBe(401);
    const login = await fetch(`${district.nodes.get(A)!.url}/api/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account: 'clerk', password: PASSWORD }),
    });
    expect(login.status).toBe(401);
    expect((await login.json()).error).toMatchObject({ code: 'ERR_CERT_REVOKED', message: { zh: '节点证书已被吊销' } });
    // The hall's status (shown with its pages to whoever still reaches them) says why and what to do.
    expect(await nodeWarnings(district.nodes.get(A)!.services)).toContainEqual(
      expect.objectContaining({ code: 'certificate-revoked', severity: 'alert' }),
    );
    // Its pages say so too, not that the hall works on while offline: the public link state the
    // banner and the login form read, and the banner as served.
    const link = await (await fetch(`${district.nodes.get(A)!.url}/pages/link.json`)).json();
    expect(link).toMatchObject({ revoked: true });
    const page = await (await fetch(`${district.nodes.get(A)!.url}/window`)).text();
    expect(page.match(/<span id="link-banner-text">([^<]*)</)?.[1]).toBe(REVOKED_BANNER_TEXT);
    expect(page).toMatch(/<div id="link-banner"[^>]*role="status"[^>]*>/);
    expect(page).not.toMatch(/<div id="link-banner"[^>]*hidden/);
    // In a browser, the login form says staff cannot log in here, and takes nothing.
    const browser = await launchChromium();
    try {
      const tab = await browser.context.newPage();
      await tab.goto(`${district.nodes.get(A)!.url}/window`);
      await tab.locator('#clerk-login:not([hidden])').waitFor();
      expect(await tab.textContent('#clerk-login-note')).toBe(REVOKED_LOGIN_TEXT);
      expect(await tab.isDisabled('#clerk-account')).toBe(true);
      expect(await tab.isDisabled('#clerk-login-form button[type=submit]')).toBe(true);
      expect(await tab.textContent('#link-banner-text')).toBe(REVOKED_BANNER_TEXT);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
