import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { enrollDistrictHub, initCityCa } from '../../deploy/enroll-district-hub.js';
import { initDistrictCa, readDistrictCa, signCsr, type Issuer } from '../../deploy/enroll.js';
import { districtRootDoc } from '../../hub/city/district-root-doc.js';
import { hubConfigFromEnv } from '../../hub/hub-config.js';
import { publishSeed } from '../../hub/publish-seed.js';
import { startHub, type RunningHub } from '../../hub/start-hub.js';
import { testSignerKey } from '../../hub/testing/test-signers.js';
import { readCityCredentials } from '../../hub/city/city-credentials.js';
import { createCsr, signNodeToken } from '../../identity/index.js';
import { HUB_AUDIENCE, levelOfPath } from '../../sync/index.js';

/** A city hub and district hubs enrolled under it, without halls: what the city tier's own suites play on. */
export interface CityHubs {
  city: RunningHub;
  cityCa: Issuer;
  districts: Map<string, RunningHub>;
  /** The district hub's CA folder (its district CA, and its key and certificate for the city). */
  caDir(district: string): string;
  /** Starts (or restarts) a district hub, linked to the city at `cityUrl` (the city's own address unless given). */
  startDistrict(district: string, cityUrl?: string): Promise<RunningHub>;
  /**
   * Enrolls the test node of `org` (its `testSigner` key) with its district's CA and lets it call its
   * district hub once, which publishes its certificate, as a hall's first connection does; the
   * certificate then goes up to the city with the district's casework.
   */
  enrollHall(org: string): Promise<void>;
  /** Pushes revisions to the city's gateway as district hub `district` (its genuine city certificate): the per-document answers. */
  pushAsDistrict(district: string, docs: unknown[]): Promise<{ id: string; error?: string; reason?: string }[]>;
  close(): Promise<void>;
}

/** Starts the city hub of `city` and one hub per district, each enrolled with the city CA. */
export async function startCityHubs(dir: string, city: string, districts: string[]): Promise<CityHubs> {
  const cityDir = join(dir, 'city');
  mkdirSync(cityDir, { recursive: true });
  const cityCa = initCityCa(cityDir, city, `${city} CA`);
  const hub = await startHub(
    {
      ...hubConfigFromEnv({ HUB_DISTRICT: city, HUB_ROLE: 'city' }),
      dataDir: cityDir,
      port: 0,
      seed: false,
      logLevel: 'silent',
    },
    { rootPem: cityCa.chainPem[0]! },
  );
  await hub.ready;
  const running = new Map<string, RunningHub>();
  const caDir = (d: string) => join(dir, d, 'hub');
  const t: CityHubs = {
    city: hub,
    cityCa,
    districts: running,
    caDir,
    async startDistrict(district, cityUrl = hub.url) {
      await running.get(district)?.close();
      mkdirSync(caDir(district), { recursive: true });
      const ca = initDistrictCa(caDir(district), district, `${district} CA`);
      enrollDistrictHub(caDir(district), district, `${district} hub`, cityCa);
      // The city publishes each district's root it enrolled, as `startCity` seeds them.
      await publishSeed(hub.store, [districtRootDoc(city, district, ca.chainPem[0]!, new Date(), cityCa)]);
      const started = await startHub(
        {
          ...hubConfigFromEnv({ HUB_DISTRICT: district, HUB_CITY_URL: cityUrl }),
          dataDir: caDir(district),
          caDir: caDir(district),
          port: 0,
          seed: false,
          logLevel: 'silent',
        },
        { rootPem: ca.chainPem[0]! },
      );
      running.set(district, started);
      await started.ready;
      return started;
    },
    async enrollHall(org) {
      const district = org.split('/')[0]!;
      const keyPem = testSignerKey(org);
      const csr = createCsr({ keyPem, org, level: levelOfPath(org)!, name: org });
      const chainPem = signCsr(csr, readDistrictCa(caDir(district)));
      const token = await signNodeToken({ keyPem, chainPem, audience: HUB_AUDIENCE });
      const res = await fetch(`${running.get(district)!.url}/db/`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${org} not admitted by its hub: ${res.status}`);
    },
    async pushAsDistrict(district, docs) {
      const token = await signNodeToken({ ...readCityCredentials(caDir(district)), audience: HUB_AUDIENCE });
      const res = await fetch(`${hub.url}/db/_bulk_docs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ docs, new_edits: false }),
      });
      if (res.status !== 201) throw new Error(`the city answered ${res.status}`);
      return res.json();
    },
    async close() {
      for (const d of running.values()) await d.close();
      await hub.close();
    },
  };
  for (const d of districts) await t.startDistrict(d);
  return t;
}

/** A revision as a replicating writer sends it: its own rev and ancestry (a child of `parent`'s revision when given). */
export function revision(doc: object, parent?: { _rev?: string }): Record<string, unknown> {
  const hash = crypto.randomUUID().replaceAll('-', '');
  if (!parent?._rev) return { ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
  const [n, parentHash] = parent._rev.split('-');
  const start = Number(n) + 1;
  return { ...doc, _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, parentHash] } };
}
