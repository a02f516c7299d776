import { createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CITY_LINK_CERT, CITY_LINK_KEY, CITY_ROOT_PIN, districtNameSchema } from '../hub/index.js';
import {
  createCsr,
  createNodeKey,
  createRootCa,
  crossCertify,
  readKeyFile,
  verifyNodeChain,
  writeKeyFile,
} from '../identity/index.js';
import { HallnetError, parseOrThrow } from '../sync/index.js';
import { readDistrictCa, signCsr, type Issuer } from './enroll.js';

const CITY_CA_KEY = 'city-ca.key.pem';
const CITY_CA_CERT = 'city-ca.cert.pem';
// The roots of the districts the city enrolled, one `<district>.root.pem` each, and their names
// (`<district>.name`, absent for a district enrolled before names were given): the city hub publishes them.
const DISTRICT_ROOTS = 'districts';

/** `hallnet city ca-init`: makes the city's root CA in the city hub's folder (the key 0600), unless one is there. */
export function initCityCa(dir: string, city: string, name: string, now?: Date): Issuer {
  if (!existsSync(join(dir, CITY_CA_CERT))) {
    const { certPem, keyPem } = createRootCa({ district: city, name, city: true, ...(now ? { now } : {}) });
    writeKeyFile(join(dir, CITY_CA_KEY), keyPem);
    writeFileSync(join(dir, CITY_CA_CERT), certPem, { mode: 0o644 });
  }
  return readCityCa(dir);
}

/** The city root CA as kept in the city hub's folder. */
export function readCityCa(dir: string): Issuer {
  const certPath = join(dir, CITY_CA_CERT);
  if (!existsSync(certPath)) throw new HallnetError('ERR_CONFIG', `no city CA in ${dir}: run \`hallnet city ca-init\``);
  return { keyPem: readKeyFile(join(dir, CITY_CA_KEY)), chainPem: [readFileSync(certPath, 'utf8')] };
}

/**
 * `hallnet city csr` at a district hub: its request to the city CA, naming the district at level 4,
 * from a key of its own made in the hub's CA folder (it never leaves; a second request reuses it).
 */
export function cityLinkCsr(caDir: string, district: string, name: string): string {
  const keyPath = join(caDir, CITY_LINK_KEY);
  if (!existsSync(keyPath)) writeKeyFile(keyPath, createNodeKey());
  return createCsr({ keyPem: readKeyFile(keyPath), org: district, level: 4, name });
}

/**
 * `hallnet city enroll` at the city: issues a district hub's certificate from its request (the city
 * CA certifies district hubs only) and answers which district it names.
 */
export function issueDistrictCertificate(
  csrPem: string,
  city: Issuer,
  now?: Date,
): { certPem: string; district: string } {
  const [certPem] = signCsr(csrPem, city, undefined, now);
  const { org } = verifyNodeChain({ chainPem: [certPem!], rootPem: city.chainPem[0]!, ...(now ? { now } : {}) });
  return { certPem: certPem!, district: org };
}

/**
 * Records a district's root certificate and its name (东城区) in the city's folder, for the city hub
 * to publish (what lets a hall of one district check the events of another, and the city's pages
 * name it). It must be that district's own root: a self-signed CA naming exactly `district`, not a city's.
 */
export function recordDistrictRoot(cityDir: string, district: string, rootPem: string, name: string): void {
  const districtName = parseOrThrow(districtNameSchema, name, { where: 'name' });
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(rootPem);
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', 'the district root is not a PEM certificate', { cause });
  }
  const names = (x509.subjectAltName ?? '').split(', ');
  if (!x509.ca || !x509.checkIssued(x509) || !x509.verify(x509.publicKey))
    throw new HallnetError('ERR_CERT_INVALID', 'the district root must be a self-signed CA certificate (ca.cert.pem)');
  if (!names.includes(`URI:urn:hallnet:org:${district}`) || names.includes('URI:urn:hallnet:tier:city'))
    throw new HallnetError(
      'ERR_CERT_INVALID',
      `the district root given is not ${district}'s (its CA names ${names.join(' ')})`,
    );
  mkdirSync(join(cityDir, DISTRICT_ROOTS), { recursive: true });
  writeFileSync(join(cityDir, DISTRICT_ROOTS, `${district}.root.pem`), rootPem, { mode: 0o644 });
  writeFileSync(join(cityDir, DISTRICT_ROOTS, `${district}.name`), `${districtName}\n`, { mode: 0o644 });
}

/** The districts the city enrolled, with their roots and names, as `recordDistrictRoot` kept them. */
export function enrolledDistrictRoots(cityDir: string): { district: string; rootPem: string; name?: string }[] {
  const folder = join(cityDir, DISTRICT_ROOTS);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.root.pem'))
    .sort()
    .map((f) => {
      const district = f.slice(0, -'.root.pem'.length);
      const nameFile = join(folder, `${district}.name`);
      const name = existsSync(nameFile)
        ? parseOrThrow(districtNameSchema, readFileSync(nameFile, 'utf8'), { where: nameFile, code: 'ERR_CONFIG' })
        : undefined;
      return { district, rootPem: readFileSync(join(folder, f), 'utf8'), ...(name ? { name } : {}) };
    });
}

/**
 * `hallnet city install` at a district hub: keeps the certificate the city issued beside the key it
 * was requested with (`readCityCredentials`), once it is checked to be for that key. When the city
 * root follows it (what `hallnet city enroll` writes), the certificate must chain to that root, and
 * the district pins it (`pinCityRoot`, with the district CA's key) for its halls.
 */
export function installCityCertificate(caDir: string, certPem: string): void {
  const [leafPem, cityRootPem, ...more] =
    certPem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (more.length > 0 || !leafPem)
    throw new HallnetError(
      'ERR_CERT_INVALID',
      'expected the certificate from `hallnet city enroll`, and the city root after it',
    );
  installLinkCertificate(caDir, leafPem);
  if (!cityRootPem) return;
  try {
    verifyNodeChain({ chainPem: [leafPem], rootPem: cityRootPem });
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', 'the certificate does not chain to the city root sent with it', {
      cause,
    });
  }
  pinCityRoot(caDir, cityRootPem);
}

function installLinkCertificate(caDir: string, certPem: string): void {
  const keyPath = join(caDir, CITY_LINK_KEY);
  if (!existsSync(keyPath))
    throw new HallnetError('ERR_CONFIG', `no key for the city in ${caDir}: run \`hallnet city csr\` first`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', 'not a PEM certificate from `hallnet city enroll`', { cause });
  }
  const ours = createPublicKey(readKeyFile(keyPath)).export({ type: 'spki', format: 'pem' });
  if (x509.publicKey.export({ type: 'spki', format: 'pem' }) !== ours)
    throw new HallnetError('ERR_CERT_INVALID', `the certificate is not for this hub's key (${keyPath})`);
  writeFileSync(join(caDir, CITY_LINK_CERT), x509.toString(), { mode: 0o644 });
}

/**
 * Pins the city root a district enrolls with: its district root certifies it (`crossCertify`, with
 * the district CA's key in `caDir`), and the district hub publishes that certification to its halls
 * (`cityPinDoc`), which then take other districts' roots only as this city certifies them — never
 * as a district's own root node might plant one.
 */
export function pinCityRoot(caDir: string, cityRootPem: string): void {
  const district = readDistrictCa(caDir);
  const pin = crossCertify({
    subjectPem: cityRootPem,
    issuerCertPem: district.chainPem[0]!,
    issuerKeyPem: district.keyPem,
  });
  writeFileSync(join(caDir, CITY_ROOT_PIN), pin, { mode: 0o644 });
}

/**
 * Enrolls a district hub with the city in one step, as the demo and tests do (the three commands
 * above, on one machine), and pins the city's root for the district's halls. Done once: a district already enrolled keeps its key and certificate.
 */
export function enrollDistrictHub(caDir: string, district: string, name: string, city: Issuer, now?: Date): void {
  if (!existsSync(join(caDir, CITY_ROOT_PIN))) pinCityRoot(caDir, city.chainPem[0]!);
  if (existsSync(join(caDir, CITY_LINK_CERT))) return;
  installCityCertificate(caDir, issueDistrictCertificate(cityLinkCsr(caDir, district, name), city, now).certPem);
}
