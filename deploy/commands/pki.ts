import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubConfigFromEnv } from '../../hub/index.js';
import { nodeConfigFromEnv, readNodeChain, writeNodeChain } from '../../node/index.js';
import { HallnetError } from '../../sync/index.js';
import { initDistrictCa, nodeAsIssuer, nodeCsr, readDistrictCa, signCsr } from '../enroll.js';
import type { CommandArgs } from './args.js';

function output(text: string, out: string | undefined): void {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

/** `hallnet ca init --name 东城区`: the district root CA in HUB_DATA. */
export function caInit({ options }: CommandArgs): void {
  const config = hubConfigFromEnv();
  initDistrictCa(config.caDir, config.district, options.name ?? `${config.district} CA`);
  console.error(
    `district CA ready in ${config.dataDir} (the key is ca.key.pem, mode 0600: keep it offline if you can)`,
  );
}

/** `hallnet ca sign <csr> [--out chain.pem]`: the district signs a street's, department's or the center's request. */
export function caSign({ words, options }: CommandArgs): void {
  const csrFile = words[0];
  if (!csrFile) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet ca sign <csr-file> [--out chain.pem]');
  output(signCsr(readFileSync(csrFile, 'utf8'), readDistrictCa(hubConfigFromEnv().caDir)).join('\n'), options.out);
}

/** `hallnet csr --name 景山街道办事处`: this node's signing request, from its own key (made if missing). */
export function csr({ options }: CommandArgs): void {
  const config = nodeConfigFromEnv();
  const pem = nodeCsr(config.dataDir, config.org, options.name ?? config.org);
  writeFileSync(join(config.dataDir, 'node.csr.pem'), pem);
  output(pem, options.out);
}

/** `hallnet sign <csr> [--out chain.pem]`: a street office signs one of its community stations' requests. */
export function sign({ words, options }: CommandArgs): void {
  const csrFile = words[0];
  if (!csrFile) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet sign <csr-file> [--out chain.pem]');
  const config = nodeConfigFromEnv();
  const chain = readNodeChain(config.dataDir);
  if (!chain) throw new HallnetError('ERR_CONFIG', 'this node has no certificate yet: it cannot sign for others');
  output(signCsr(readFileSync(csrFile, 'utf8'), nodeAsIssuer(config.dataDir, chain)).join('\n'), options.out);
}

/** `hallnet cert install <chain.pem>`: installs the chain this node's issuer sent back. */
export function certInstall({ words }: CommandArgs): void {
  const file = words[0];
  if (!file) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet cert install <chain-file>');
  const pems = readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (!pems) throw new HallnetError('ERR_VALIDATION', `${file} holds no PEM certificate`);
  writeNodeChain(nodeConfigFromEnv().dataDir, pems);
  console.error(`installed a chain of ${pems.length} certificates`);
}
