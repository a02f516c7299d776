#!/usr/bin/env node
import { parseArgs } from 'node:util';
import pino from 'pino';
import { hubConfigFromEnv, startHub } from '../hub/index.js';
import { nodeConfigFromEnv, startNode } from '../node/index.js';
import { HallnetError } from '../sync/index.js';
import { firstLineOfStdin, type CommandArgs } from './commands/args.js';
import { auditVerify } from './commands/audit-verify.js';
import { cityCaInit, cityCsr, cityEnroll, cityHub, cityInstall } from './commands/city.js';
import { certList, certRevoke } from './commands/cert-commands.js';
import { grantAdd, grantList, grantRevoke } from './commands/grant-commands.js';
import { caGrant, grantInstall } from './commands/grant-file.js';
import { nodeToken } from './commands/node-token.js';
import { caInit, caSign, certInstall, csr, sign } from './commands/pki.js';
import { describeCityDemo, startCityDemo } from './city-demo.js';
import { describeDemo, startDemo } from './demo.js';
import { readDistrictRoot } from './enroll.js';
import { keepServing } from './keep-serving.js';
import { runUntilSignal } from './run-until-signal.js';
import { seedDocuments } from './seed/index.js';
import { staffAdd } from './commands/staff-add.js';

const USAGE = `hallnet <command>   (hallnet --help: this text)

  demo                     a whole district on this machine: hub and eight halls (\`npm start\`)
  demo --city              two small districts (西城, 东城) under a city hub (跨区通办), with a cross-district case
  node                     a hall node, configured by HALLNET_* variables
  hub                      the district hub (gateway, store, identity), configured by HUB_* variables
  ca init --name <name>    make the district root CA in HUB_DATA
  ca sign <csr> [--out f]  the district signs a street's, department's or the center's request
  ca grant --to <org> --until YYYY-MM-DD [--rights a,b] [--subtree <org>] [--out f]
                           a grant from the district root (CA key), for \`grant install\` at the center;
                           by default the center gets every right the district passes on
  csr --name <name>        this node's certificate signing request (HALLNET_DATA, HALLNET_ORG)
  sign <csr> [--out f]     a street office signs one of its community stations' requests
  cert install <chain>     install the chain the issuer sent back
  cert list --node <url> --account <admin>
  cert revoke <serial> --node <url> --account <admin> --reason <why>
                           the district centre's admin lists node certificates and revokes one
                           (a hall's key lost or stolen); every node and the hub then refuse it
  node-token               a hub token for this node, valid 10 minutes (for a department's own CouchDB)
  grant add --node <url> --account <admin> --to <org> [--role r] [--subtree <org>] --rights a,b --until YYYY-MM-DD
  grant list --node <url> --account <admin>
  grant revoke <grant-id> --node <url> --account <admin> --reason <why>
                           分级授权 through a node's API, signed with that node's key (admin password
                           from HALLNET_PASSWORD or standard input)
  grant install <grant>    put a grant from \`ca grant\` into this (stopped) district center's replica
  audit verify [--dir <folder,…>] [--key <a.pub.pem,…>] [--store <folder|url>]
                           check the hub's audit logs (chain, seals) and the store against them,
                           each instance's folder read in place or copies gathered in one;
                           exit 0 when clean, 1 with a report (stop an embedded-store hub first)
  staff add <account> --name <name> --roles clerk,director [--org <path>]
                           store a clerk's password verifier at this (stopped) node; the password
                           is read from HALLNET_PASSWORD or the first line of standard input

  The city tier (跨区通办), HUB_* variables with HUB_DISTRICT the city's slug at the city:
  city ca-init --name <name>          make the city root CA in the city hub's HUB_DATA
  city csr [--name <name>] [--out f]  at a district hub: its request to the city CA
  city enroll <csr> --root <ca.cert.pem> --name <东城区> [--out f]
                                      at the city: the district hub's certificate; the district's
                                      root is published by the city hub from its next start
  city install <cert>                 at a district hub: the certificate from the city (then set
                                      HUB_CITY_URL and run \`hallnet hub\`)
  city hub                            the city hub, configured by HUB_* variables

See README.md for the variables.`;

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

const commands: Record<string, (args: CommandArgs) => void | Promise<void>> = {
  help: () => console.log(USAGE),
  async node() {
    keepServing(logger);
    const node = await startNode(nodeConfigFromEnv(), { seedDocs: seedDocuments() });
    runUntilSignal(() => node.close(), logger);
  },
  async hub() {
    const config = hubConfigFromEnv();
    if (config.role === 'city') throw new HallnetError('ERR_CONFIG', 'HUB_ROLE=city: run `hallnet city hub`');
    keepServing(logger);
    const hub = await startHub(config, {
      rootPem: readDistrictRoot(config.caDir),
      seedDocs: seedDocuments(),
      ...(process.env.SMS_GATEWAY_URL ? { smsGatewayUrl: process.env.SMS_GATEWAY_URL } : {}),
    });
    runUntilSignal(() => hub.close(), logger);
  },
  'ca init': caInit,
  'ca sign': caSign,
  'ca grant': caGrant,
  csr,
  sign,
  'cert install': certInstall,
  'cert list': certList,
  'cert revoke': certRevoke,
  'node-token': nodeToken,
  'grant add': grantAdd,
  'grant list': grantList,
  'grant revoke': grantRevoke,
  'grant install': grantInstall,
  'audit verify': auditVerify,
  'city ca-init': cityCaInit,
  'city csr': cityCsr,
  'city enroll': cityEnroll,
  'city install': cityInstall,
  'city hub': () => cityHub(logger),
  async 'staff add'({ words, options }) {
    const config = nodeConfigFromEnv();
    if (!words[0]) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet staff add <account> --name … --roles …');
    await staffAdd(config, {
      account: words[0],
      name: options.name ?? '',
      roles: (options.roles ?? '').split(',').filter(Boolean),
      org: options.org ?? config.org,
      password: process.env.HALLNET_PASSWORD ?? (await firstLineOfStdin()),
    });
    console.error(`staff ${words[0]} stored at ${config.dataDir}`);
  },
  async demo({ options }) {
    // The district's parts log only warnings, so the addresses and accounts stay readable.
    keepServing(logger);
    if (options.city) {
      const dir = process.env.HALLNET_DATA ?? './data/city-demo';
      const demo = await startCityDemo({
        dir,
        cityPort: 5990,
        logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
      });
      console.log(`\n${describeCityDemo(demo, dir)}\n`);
      runUntilSignal(() => demo.close(), logger);
      return;
    }
    const dir = process.env.HALLNET_DATA ?? './data/demo';
    const demo = await startDemo({
      dir,
      hubPort: 5984,
      firstNodePort: 8080,
      logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
    });
    console.log(`\n${describeDemo(demo, dir)}\n`);
    runUntilSignal(() => demo.close(), logger);
  },
};

/** The command line's words and options; an option it does not know ends the process with exit code 2 and the usage. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        ...Object.fromEntries(
          [
            'name',
            'roles',
            'org',
            'out',
            'node',
            'account',
            'to',
            'role',
            'subtree',
            'rights',
            'until',
            'reason',
            'dir',
            'key',
            'store',
            'root',
          ].map((o) => [o, { type: 'string' as const }]),
        ),
        city: { type: 'boolean' as const },
        help: { type: 'boolean' as const, short: 'h' },
      },
    });
  } catch (err) {
    if (!(err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS_'))) throw err;
    console.error(`hallnet: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseCommandLine(argv);
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const two = positionals.slice(0, 2).join(' ');
  const [name, words] = commands[two] ? [two, positionals.slice(2)] : [positionals[0] ?? 'help', positionals.slice(1)];
  const command = commands[name];
  if (!command) {
    console.error(`unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    process.exit(2);
  }
  await command({ words, options: values });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof HallnetError) {
    console.error(`hallnet: ${err.code}: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
