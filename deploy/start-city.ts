import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { hubConfigFromEnv, startHub, type RunningHub } from '../hub/index.js';
import type { NewStaff } from '../identity/index.js';
import { CleanupStack } from '../sync/index.js';
import { CITY } from './city-catalogue.js';
import { citySeedDocs } from './city-seed.js';
import { enrollDistrictHub, initCityCa, recordDistrictRoot } from './enroll-district-hub.js';
import { initDistrictCa } from './enroll.js';
import { startDistrict, type DistrictPlan, type RunningDistrict } from './start-district.js';

export interface CityPlan {
  /** Everything lives below it: `city/` (the city hub and CA) and one folder per district. */
  dir: string;
  city?: string;
  /**
   * The districts, each as `startDistrict` runs it (its `dir` and `cityUrl` are the city's to set);
   * `line`: given the city hub's URL, the URL this district's hub reaches it by (a test's fault proxy).
   */
  districts: (Omit<DistrictPlan, 'dir' | 'cityUrl'> & {
    district: string;
    /** The district's name as the city shows it (东城区); its slug by default. */
    name?: string;
    line?: (cityUrl: string) => Promise<string>;
  })[];
  cityPort?: number;
  host?: string;
  clock?: () => Date;
  logger?: Logger;
  /** Accounts the city's identity service starts with (a clerk who verifies residents in person, say). */
  identityStaff?: NewStaff[];
}

/** A city on one machine: its hub and the districts under it. */
export interface RunningCity {
  hub: RunningHub;
  districts: Map<string, RunningDistrict>;
  close(): Promise<void>;
}

/**
 * Starts a city as a deployment would run it, all on this machine (跨区通办): the city CA, the city
 * hub (`HUB_ROLE=city`: its identity service is the city's, one resident account for every district)
 * publishing the city catalogue and each district's root, then each district
 * — its CA, its hub enrolled with the city CA and linked to the city hub, its halls.
 */
export async function startCity(plan: CityPlan): Promise<RunningCity> {
  const city = plan.city ?? CITY;
  const clock = plan.clock ?? (() => new Date());
  const logger = plan.logger ?? pino({ level: 'silent' });
  const cityDir = join(plan.dir, 'city');
  mkdirSync(cityDir, { recursive: true });
  const cityCa = initCityCa(cityDir, city, `${city} CA`, clock());
  const hubDirOf = (district: string) => join(plan.dir, district, 'hub');
  for (const { district, name } of plan.districts) {
    mkdirSync(hubDirOf(district), { recursive: true });
    const ca = initDistrictCa(hubDirOf(district), district, `${district} CA`, clock());
    enrollDistrictHub(hubDirOf(district), district, `${district} hub`, cityCa, clock());
    recordDistrictRoot(cityDir, district, ca.chainPem[0]!, name ?? district);
  }
  const stack = new CleanupStack();
  try {
    const hub = stack.add(
      'city hub',
      await startHub(
        {
          ...hubConfigFromEnv({ HUB_DISTRICT: city, HUB_ROLE: 'city' }),
          dataDir: cityDir,
          caDir: cityDir,
          host: plan.host ?? '127.0.0.1',
          port: plan.cityPort ?? 0,
          logLevel: 'silent',
        },
        {
          rootPem: cityCa.chainPem[0]!,
          clock,
          logger: logger.child({ part: 'city' }),
          staff: plan.identityStaff ?? [],
          seedDocs: citySeedDocs(cityDir, city, cityCa, clock()),
        },
      ),
      (h) => h.close(),
    );
    await hub.ready;
    const districts = new Map<string, RunningDistrict>();
    for (const { line, name: _name, ...d } of plan.districts) {
      const cityUrl = line ? await line(hub.url) : hub.url;
      const running = stack.add(
        d.district,
        await startDistrict({ ...d, dir: join(plan.dir, d.district), cityUrl, clock, logger }),
        (r) => r.close(),
      );
      districts.set(d.district, running);
    }
    return { hub, districts, close: () => stack.close() };
  } catch (err) {
    return stack.abandon(err);
  }
}
