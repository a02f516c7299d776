import { readKeyFile, signNodeToken } from '../../identity/index.js';
import { nodeConfigFromEnv, nodeKeyPath, readNodeChain } from '../../node/index.js';
import { HallnetError, HUB_AUDIENCE } from '../../sync/index.js';

/** The longest a node token may live: the hub refuses longer ones. */
const TOKEN_SECONDS = 600;

/**
 * `hallnet node-token`: a hub token for the node enrolled in HALLNET_DATA, valid ten minutes, for
 * a replicator that is not a hallnet node — a department's own Apache CouchDB, whose `_replicator`
 * documents carry it as `Authorization: Bearer …` and are rewritten before it runs out.
 */
export async function nodeToken(): Promise<void> {
  const config = nodeConfigFromEnv();
  const chainPem = readNodeChain(config.dataDir);
  if (!chainPem)
    throw new HallnetError('ERR_CERT_INVALID', 'no certificate installed here: hallnet cert install <chain> first');
  const token = await signNodeToken({
    keyPem: readKeyFile(nodeKeyPath(config.dataDir)),
    chainPem,
    audience: HUB_AUDIENCE,
    ttlSeconds: TOKEN_SECONDS,
  });
  process.stdout.write(`${token}\n`);
}
