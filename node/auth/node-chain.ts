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
