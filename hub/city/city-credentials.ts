import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKeyFile, signNodeToken } from '../../identity/index.js';
import { HallnetError, HUB_AUDIENCE } from '../../sync/index.js';

/** The district hub's key for the city, beside the district CA (`HUB_CA_DIR`). */
export const CITY_LINK_KEY = 'city-link.key.pem';
/** Its certificate from the city CA (leaf only: the city root is the city hub's own). */
export const CITY_LINK_CERT = 'city-link.cert.pem';

/**
 * The district root's certification of the city root it enrolled with (its pin, identity/pki
 * `crossCertify`), made at enrolment with the district CA's key: the hub publishes it to its halls.
 */
export const CITY_ROOT_PIN = 'city-root.pin.pem';

/** The district's pin of its city's root, when it has made one. */
export function readCityPin(caDir: string): string | undefined {
  const pin = join(caDir, CITY_ROOT_PIN);
  return existsSync(pin) ? readFileSync(pin, 'utf8') : undefined;
}

/** The district hub's credentials for the city hub as kept in its CA folder. */
export function readCityCredentials(caDir: string): { keyPem: string; chainPem: string[] } {
  const cert = join(caDir, CITY_LINK_CERT);
  if (!existsSync(cert))
    throw new HallnetError('ERR_CONFIG', `no certificate from the city CA in ${caDir}: run \`hallnet city enroll\``);
  return { keyPem: readKeyFile(join(caDir, CITY_LINK_KEY)), chainPem: [readFileSync(cert, 'utf8')] };
}

/**
 * Node tokens for the city hub, as a hall makes them for its district hub: short, signed by the
 * district hub's key with its certificate attached; one is reused until a minute before it ends.
 */
export function cityTokens(creds: { keyPem: string; chainPem: string[] }, clock: () => Date): () => Promise<string> {
  let current: { token: string; until: number } | undefined;
  return async function cityToken() {
    const now = clock();
    if (current && now.getTime() < current.until) return current.token;
    const token = await signNodeToken({ ...creds, audience: HUB_AUDIENCE, ttlSeconds: 300, now });
    current = { token, until: now.getTime() + 240_000 };
    return token;
  };
}
