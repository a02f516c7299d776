import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { enrollDistrictHub, initCityCa } from '../../deploy/enroll-district-hub.js';
import { initDistrictCa, type Issuer } from '../../deploy/enroll.js';
import { hubConfigFromEnv } from '../../hub/hub-config.js';
import { startHub, type RunningHub } from '../../hub/start-hub.js';

/** A city hub and district hubs enrolled under it, without halls: what the city tier's own suites play on. */
export interface CityHubs {
  city: RunningHub;
  cityCa: Issuer;
  districts: Map<string, RunningHub>;
  /** The district hub's CA folder (its district CA, and its key and certificate for the city). */
  caDir(district: string): string;
  /** Starts (or restarts) a district hub, linked to the city at `cityUrl` (the city's own address unless given). */
  startDistrict(district: string, cityUrl?: string): Promise<RunningHub>;
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
    async close() {
      for (const d of running.values()) await d.close();
      await hub.close();
    },
  };
  for (const d of districts) await t.startDistrict(d);
  return t;
}
