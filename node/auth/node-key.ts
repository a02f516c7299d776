import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeKey, readKeyFile, writeKeyFile } from '../../identity/index.js';

/** The node's RSA private key in its data folder (mode 0600), made on first start; it never leaves the folder. */
export function loadOrCreateNodeKey(dataDir: string): string {
  const path = join(dataDir, 'node.key.pem');
  if (existsSync(path)) return readKeyFile(path);
  const pem = createNodeKey();
  writeKeyFile(path, pem);
  return pem;
}
