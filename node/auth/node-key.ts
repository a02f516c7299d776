import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeKey, readKeyFile, writeKeyFile } from '../../identity/index.js';

/** Where a node keeps its private key. */
export const nodeKeyPath = (dataDir: string) => join(dataDir, 'node.key.pem');

/** The node's RSA private key in its data folder (mode 0600), made on first start; it never leaves the folder. */
export function loadOrCreateNodeKey(dataDir: string): string {
  const path = nodeKeyPath(dataDir);
  if (existsSync(path)) return readKeyFile(path);
  const pem = createNodeKey();
  writeKeyFile(path, pem);
  return pem;
}
