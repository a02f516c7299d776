import type { ChildProcess } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enrollNode, readDistrictCa } from '../../deploy/enroll.js';
import { cityPinDoc, districtRootDoc } from '../../hub/index.js';
import { readKeyFile, signNodeToken, verifyCrossCertificate } from '../../identity/index.js';
import { nodeKeyPath } from '../../node/auth/node-key.js';
import { HUB_AUDIENCE } from '../../sync/index.js';
import { hallnet, hallnetExit, hallnetServer, stopServer } from '../support/cli-process.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir();
const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running.reverse()) await stopServer(child);
  dir.remove();
});

const file = (name: string) => join(dir.path, name);
const cityEnv = { HUB_DATA: file('city'), HUB_DISTRICT: 'beijing', HUB_PORT: '0' };
const hubEnv = (district: string) => ({ HUB_DATA: file(district), HUB_DISTRICT: district, HUB_PORT: '0' });
const DISTRICTS = ['xicheng', 'dongcheng'] as const;
const NAMES = { xicheng: '西城区', dongcheng: '东城区' } as const;

async function start(args: string[], env: Record<string, string>): Promise<string> {
  const server = await hallnetServer(args, env);
  running.push(server.child);
  return server.url;
}

/** 西城's pin of the city root, checked from 西城's own root as its halls check it. */
function verifiedPin(pin: string): string {
  expect(
    verifyCrossCertificate({ certPem: pin, issuerPem: readFileSync(file('xicheng/ca.cert.pem'), 'utf8') }),
  ).toEqual({
    org: 'beijing',
    city: true,
  });
  return pin;
}

/** What a hall of 西城 reads from its district hub: a document by id, or undefined (404). */
async function atXicheng(hub: string, id: string): Promise<unknown> {
  const hall = file('xicheng-center');
  const chainPem = enrollNode(hall, 'xicheng', '西城区政务服务中心', readDistrictCa(file('xicheng')));
  const token = await signNodeToken({ keyPem: readKeyFile(nodeKeyPath(hall)), chainPem, audience: HUB_AUDIENCE });
  const res = await fetch(`${hub}/db/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
  return res.status === 200 ? res.json() : undefined;
}

describe('setting up a city of two districts with the hallnet command, as operators would (跨区通办)', () => {
  it('makes the city CA, enrolls two district hubs, runs the city hub, and the city catalogue and roots reach a district', async () => {
    // At the city: its root CA.
    hallnet(['city', 'ca-init', '--name', '北京市政务服务管理局 CA'], cityEnv);
    expect(statSync(file('city/city-ca.key.pem')).mode & 0o777).toBe(0o600);

    // Each district: its own CA, its hub's request to the city, the certificate the city issues, installed.
    for (const d of DISTRICTS) {
      hallnet(['ca', 'init', '--name', `${d} CA`], hubEnv(d));
      hallnet(['city', 'csr', '--name', `${d} hub`, '--out', file(`${d}.city.csr`)], hubEnv(d));
      expect(statSync(file(`${d}/city-link.key.pem`)).mode & 0o777).toBe(0o600);
    }
    // The city checks the root it is given is the requesting district's own: 西城's root for 东城's hub is refused.
    const wrongRoot = await hallnetExit(
      ['city', 'enroll', file('dongcheng.city.csr'), '--root', file('xicheng/ca.cert.pem'), '--name', '东城区'],
      cityEnv,
    );
    expect(wrongRoot.code).toBe(2);
    expect(wrongRoot.err).toMatch(/ERR_CERT_INVALID: the district root given is not dongcheng's/);
    // The city names each district it enrolls (its pages show 东城区, not dongcheng), and checks the name.
    const unnamed = await hallnetExit(
      ['city', 'enroll', file('dongcheng.city.csr'), '--root', file('dongcheng/ca.cert.pem')],
      cityEnv,
    );
    expect(unnamed.err).toMatch(/--name <the district's name/);
    const badName = await hallnetExit(
      ['city', 'enroll', file('dongcheng.city.csr'), '--root', file('dongcheng/ca.cert.pem'), '--name', '东城/区'],
      cityEnv,
    );
    expect(badName.err).toMatch(/ERR_VALIDATION: name: no control characters or slashes/);
    for (const d of DISTRICTS) {
      hallnet(
        [
          ...['city', 'enroll', file(`${d}.city.csr`), '--root', file(`${d}/ca.cert.pem`)],
          ...['--name', NAMES[d], '--out', file(`${d}.city.pem`)],
        ],
        cityEnv,
      );
    }
    // A district installs only the certificate issued for its own key.
    const wrongCert = await hallnetExit(['city', 'install', file('xicheng.city.pem')], hubEnv('dongcheng'));
    expect(wrongCert.code).toBe(2);
    expect(wrongCert.err).toMatch(/not for this hub's key/);
    for (const d of DISTRICTS) hallnet(['city', 'install', file(`${d}.city.pem`)], hubEnv(d));

    // A district hub is not started as the city's.
    const asCity = await hallnetExit(['hub'], { ...cityEnv, HUB_ROLE: 'city' });
    expect(asCity.err).toMatch(/run `hallnet city hub`/);

    // The city hub, then each district hub linked to it.
    const city = await start(['city', 'hub'], cityEnv);
    const hubs: Record<string, string> = {};
    for (const d of DISTRICTS) hubs[d] = await start(['hub'], { ...hubEnv(d), HUB_CITY_URL: city });
    for (const d of DISTRICTS)
      await eventually(
        async () => (await (await fetch(`${hubs[d]}/healthz`)).json()).city === true,
        60_000,
        `${d} linked to the city`,
      );

    // The city catalogue's 全市通办 matter, and 东城's root as the city published it, reach 西城's hub.
    const rootId = districtRootDoc(
      'beijing',
      'dongcheng',
      readFileSync(file('dongcheng/ca.cert.pem'), 'utf8'),
      new Date(),
    )._id;
    const matter = (await eventually(
      () => atXicheng(hubs.xicheng!, 'matter:BJ-WJ-007'),
      60_000,
      'the city catalogue at 西城',
    )) as { scope: string };
    expect(matter.scope).toBe('beijing');
    const root = (await eventually(() => atXicheng(hubs.xicheng!, rootId), 60_000, '东城 root at 西城')) as {
      org: string;
      issuerOrg: string;
      cityCertPem: string;
    };
    expect(root).toMatchObject({ org: 'dongcheng', issuerOrg: 'beijing', name: '东城区' });
    // ...with the city's certification of it, which 西城's halls check against the city root 西城 pinned at install.
    const pin = readFileSync(file('xicheng/city-root.pin.pem'), 'utf8');
    const pinned = await eventually(() => atXicheng(hubs.xicheng!, cityPinDoc('xicheng', pin, new Date())._id), 60_000);
    expect(pinned).toMatchObject({ org: 'beijing', issuerOrg: 'xicheng' });
    expect(
      verifyCrossCertificate({
        certPem: root.cityCertPem,
        issuerPem: verifiedPin(pin),
        subjectPem: readFileSync(file('dongcheng/ca.cert.pem'), 'utf8'),
      }),
    ).toEqual({ org: 'dongcheng', city: false });
  }, 300_000);
});
