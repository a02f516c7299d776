import { readFileSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { hubConfigFromEnv, startHub } from '../../hub/index.js';
import { HallnetError } from '../../sync/index.js';
import { citySeedDocs } from '../city-seed.js';
import {
  cityLinkCsr,
  initCityCa,
  installCityCertificate,
  issueDistrictCertificate,
  readCityCa,
  recordDistrictRoot,
} from '../enroll-district-hub.js';
import { keepServing } from '../keep-serving.js';
import { runUntilSignal } from '../run-until-signal.js';
import type { CommandArgs } from './args.js';

// The city hub is configured by the same HUB_* variables as a district's, with HUB_DISTRICT the city's slug.
const cityConfig = () => hubConfigFromEnv({ ...process.env, HUB_ROLE: 'city' });

/** `hallnet city ca-init --name 北京市 CA`: the city root CA in the city hub's folder (HUB_DATA or HUB_CA_DIR). */
export function cityCaInit({ options }: CommandArgs): void {
  const config = cityConfig();
  initCityCa(config.caDir, config.district, options.name ?? `${config.district} CA`);
  console.error(`city CA ready in ${config.caDir} (city-ca.key.pem, mode 0600: keep it offline if you can)`);
}

/** `hallnet city csr [--name 东城区 hub] [--out f]` at a district hub: its request to the city CA. */
export function cityCsr({ options }: CommandArgs): void {
  const config = hubConfigFromEnv();
  const pem = cityLinkCsr(config.caDir, config.district, options.name ?? `${config.district} hub`);
  if (options.out) writeFileSync(options.out, pem);
  else process.stdout.write(pem);
}

/**
 * `hallnet city enroll <csr> --root <the district's ca.cert.pem> --name 东城区 [--out cert.pem]` at the
 * city: the district hub's certificate from the city CA, and the district's root and name recorded
 * for the city hub to publish from its next start (enrolling again renames a district).
 */
export function cityEnroll({ words, options }: CommandArgs): void {
  const csrFile = words[0];
  if (!csrFile || !options.root || options.name === undefined)
    throw new HallnetError(
      'ERR_VALIDATION',
      "usage: hallnet city enroll <csr-file> --root <ca.cert.pem> --name <the district's name, e.g. 东城区> [--out f]",
    );
  const config = cityConfig();
  const city = readCityCa(config.caDir);
  const { certPem, district } = issueDistrictCertificate(readFileSync(csrFile, 'utf8'), city);
  recordDistrictRoot(config.caDir, district, readFileSync(options.root, 'utf8'), options.name);
  // The city root follows the certificate: the district pins it at install, for its halls.
  const answer = `${certPem.trim()}\n${city.chainPem[0]!.trim()}\n`;
  if (options.out) writeFileSync(options.out, answer);
  else process.stdout.write(answer);
  console.error(`${district} enrolled with ${config.district}: restart the city hub to publish its root`);
}

/**
 * `hallnet city install <cert.pem>` at a district hub: the certificate the city sent back, and the
 * city root after it, which the district root pins for its halls (the CA key must be in HUB_CA_DIR).
 */
export function cityInstall({ words }: CommandArgs): void {
  const file = words[0];
  if (!file) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet city install <cert-file>');
  const config = hubConfigFromEnv();
  installCityCertificate(config.caDir, readFileSync(file, 'utf8'));
  console.error(`certificate from the city installed in ${config.caDir}: set HUB_CITY_URL and start the hub`);
}

/**
 * `hallnet city hub`: the city hub (跨区通办), whose nodes are the enrolled district hubs; it
 * publishes the city catalogue signed with the city CA's key, and the roots of the districts.
 */
export async function cityHub(logger: Logger): Promise<void> {
  keepServing(logger);
  const config = cityConfig();
  const ca = readCityCa(config.caDir);
  const hub = await startHub(config, {
    rootPem: ca.chainPem[0]!,
    seedDocs: citySeedDocs(config.caDir, config.district, ca, new Date()),
    ...(process.env.SMS_GATEWAY_URL ? { smsGatewayUrl: process.env.SMS_GATEWAY_URL } : {}),
  });
  runUntilSignal(() => hub.close(), logger);
}
