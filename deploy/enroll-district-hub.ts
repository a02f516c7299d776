import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITY_LINK_CERT, CITY_LINK_KEY } from '../hub/index.js';
import { createCsr, createNodeKey, createRootCa, readKeyFile, writeKeyFile } from '../identity/index.js';
import { signCsr, type Issuer } from './enroll.js';

const CITY_CA_KEY = 'city-ca.key.pem';
const CITY_CA_CERT = 'city-ca.cert.pem';

/** `hallnet city ca-init`: makes the city's root CA in the city hub's folder (the key 0600), unless one is there. */
export function initCityCa(dir: string, city: string, name: string, now?: Date): Issuer {
  if (!existsSync(join(dir, CITY_CA_CERT))) {
    const { certPem, keyPem } = createRootCa({ district: city, name, city: true, ...(now ? { now } : {}) });
    writeKeyFile(join(dir, CITY_CA_KEY), keyPem);
    writeFileSync(join(dir, CITY_CA_CERT), certPem, { mode: 0o644 });
  }
  return { keyPem: readKeyFile(join(dir, CITY_CA_KEY)), chainPem: [readFileSync(join(dir, CITY_CA_CERT), 'utf8')] };
}

/**
 * Enrolls a district hub with the city, as a hall is enrolled with its district: a key of its own
 * made in the district hub's CA folder (it never leaves), a request naming the district at level 4,
 * and the certificate the city CA issues for it, written beside the key (`readCityCredentials`).
 * Done once: a district already enrolled keeps its key and certificate.
 */
export function enrollDistrictHub(caDir: string, district: string, name: string, city: Issuer, now?: Date): void {
  if (existsSync(join(caDir, CITY_LINK_CERT))) return;
  const keyPath = join(caDir, CITY_LINK_KEY);
  if (!existsSync(keyPath)) writeKeyFile(keyPath, createNodeKey());
  const csr = createCsr({ keyPem: readKeyFile(keyPath), org: district, level: 4, name });
  const [certPem] = signCsr(csr, city, undefined, now);
  writeFileSync(join(caDir, CITY_LINK_CERT), certPem!, { mode: 0o644 });
}
