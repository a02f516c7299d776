import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHAIN_FILE = 'node.chain.pem';

/** The node's certificate chain (its own first, then its issuers), installed at enrollment; undefined before. */
export function readNodeChain(dataDir: string): string[] | undefined {
  const path = join(dataDir, CHAIN_FILE);
  if (!existsSync(path)) return undefined;
  const pems = readFileSync(path, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  return pems ?? undefined;
}

/** Installs the chain the district (or the node's street) issued; certificates are public, keys are not. */
export function writeNodeChain(dataDir: string, chainPem: readonly string[]): void {
  writeFileSync(join(dataDir, CHAIN_FILE), `${chainPem.map((p) => p.trim()).join('\n')}\n`, { mode: 0o644 });
}

/** The serials of the chain's certificates below its root (its own first): what a revocation of this node, or of its street, names. */
export function chainSerials(chainPem: readonly string[]): string[] {
  // The chain file ends with the district root, which is never revoked by a document.
  return chainPem.slice(0, -1).map((pem) => new X509Certificate(pem).serialNumber.toLowerCase());
}
