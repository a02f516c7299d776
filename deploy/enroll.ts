import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateNodeKey, nodeKeyPath, writeNodeChain } from '../node/index.js';
import { createCsr, createRootCa, issueCertificate, readKeyFile, writeKeyFile } from '../identity/index.js';
import { HallnetError, levelOfPath } from '../sync/index.js';

/** Who signs a certificate: the district root CA, or a street node with its own key and chain. */
export interface Issuer {
  keyPem: string;
  /** The issuer's certificate first, up to the root. */
  chainPem: string[];
}

const CA_KEY = 'ca.key.pem';
const CA_CERT = 'ca.cert.pem';

/** `hallnet ca init`: makes the district root CA in the hub's folder (the key 0600), unless one is there; `now` for a district on a test's clock. */
export function initDistrictCa(dir: string, district: string, name: string, now?: Date): Issuer {
  if (!existsSync(join(dir, CA_CERT))) {
    const { certPem, keyPem } = createRootCa({ district, name, ...(now ? { now } : {}) });
    writeKeyFile(join(dir, CA_KEY), keyPem);
    writeFileSync(join(dir, CA_CERT), certPem, { mode: 0o644 });
  }
  return readDistrictCa(dir);
}

/** The district root CA as kept in the hub's folder. */
export function readDistrictCa(dir: string): Issuer {
  const certPath = join(dir, CA_CERT);
  if (!existsSync(certPath)) throw new HallnetError('ERR_CONFIG', `no district CA in ${dir}: run \`hallnet ca init\``);
  return { keyPem: readKeyFile(join(dir, CA_KEY)), chainPem: [readFileSync(certPath, 'utf8')] };
}

/** The district root CA's certificate alone: all a running hub needs, so the CA key may stay offline. */
export function readDistrictRoot(dir: string): string {
  const certPath = join(dir, CA_CERT);
  if (!existsSync(certPath))
    throw new HallnetError(
      'ERR_CONFIG',
      `no district CA certificate in ${dir}: run \`hallnet ca init\` (or copy ${CA_CERT} here)`,
    );
  return readFileSync(certPath, 'utf8');
}

/** `hallnet csr`: the node's signing request, made with its own key, which never leaves its folder. */
export function nodeCsr(dataDir: string, org: string, name: string): string {
  const level = levelOfPath(org);
  if (!level) throw new HallnetError('ERR_CONFIG', `no hall stands at ${org}`);
  return createCsr({ keyPem: loadOrCreateNodeKey(dataDir), org, level, name });
}

/**
 * `hallnet ca sign` / `hallnet sign`: issues a certificate from a CSR and returns the whole chain,
 * leaf first. A renewal is the same step with a CSR from the same node folder, hence the same key:
 * what the node signed under its old certificate still verifies with the key of the new one.
 */
export function signCsr(csrPem: string, issuer: Issuer, validityDays?: number, now?: Date): string[] {
  const [issuerCertPem] = issuer.chainPem;
  if (!issuerCertPem) throw new HallnetError('ERR_CONFIG', 'the issuer has no certificate');
  const certPem = issueCertificate({
    csrPem,
    issuerCertPem,
    issuerKeyPem: issuer.keyPem,
    ...(validityDays ? { validityDays } : {}),
    ...(now ? { now } : {}),
  });
  return [certPem, ...issuer.chainPem];
}

/** Enrolls a node in one step, as the demo and the tests do: its CSR, signed by `issuer`, installed. */
export function enrollNode(
  dataDir: string,
  org: string,
  name: string,
  issuer: Issuer,
  opts: { validityDays?: number; now?: Date } = {},
): string[] {
  const chain = signCsr(nodeCsr(dataDir, org, name), issuer, opts.validityDays, opts.now);
  writeNodeChain(dataDir, chain);
  return chain;
}

/** A street node as an issuer for its own community stations. */
export function nodeAsIssuer(dataDir: string, chainPem: string[]): Issuer {
  return { keyPem: readKeyFile(nodeKeyPath(dataDir)), chainPem };
}
