#!/usr/bin/env node
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { nodeConfigFromEnv } from '../node/config.js';
import { startNode } from '../node/start-node.js';
import { HallnetError } from '../sync/index.js';
import { runUntilSignal } from './run-until-signal.js';
import { seedDocuments } from './seed/index.js';
import { staffAdd } from './staff-add.js';

const USAGE = `hallnet <command>

  demo                 start a hall node with the seed catalogue and a demo clerk (what \`npm start\` runs)
  node                 start a hall node configured by HALLNET_* environment variables
  staff add <account> --name <name> --roles clerk,director [--org <path>]
                       store a clerk's password verifier at this (stopped) node; the password
                       is read from HALLNET_PASSWORD or the first line of standard input

Environment: HALLNET_DATA, HALLNET_HOST, HALLNET_PORT, HALLNET_ORG, HALLNET_LEVEL,
HALLNET_YELLOW_HOURS, HALLNET_SEED, LOG_LEVEL (see README).`;

const DEMO_CLERK = { account: 'clerk', password: 'hallnet-demo', name: '王窗口', roles: ['clerk', 'director'] as const };

const commandSchema = z.enum(['demo', 'node', 'staff', 'help']);

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { name: { type: 'string' }, roles: { type: 'string' }, org: { type: 'string' } },
  });
  const parsed = commandSchema.safeParse(positionals[0] ?? 'help');
  if (!parsed.success) {
    console.error(`unknown command: ${positionals[0]}\n\n${USAGE}`);
    process.exit(2);
  }
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  switch (parsed.data) {
    case 'help':
      console.log(USAGE);
      return;
    case 'node': {
      const node = await startNode(nodeConfigFromEnv(), { seedDocs: seedDocuments() });
      runUntilSignal(() => node.close(), logger);
      return;
    }
    case 'staff': {
      if (positionals[1] !== 'add' || !positionals[2]) throw new HallnetError('ERR_VALIDATION', 'usage: hallnet staff add <account> --name … --roles …');
      const config = nodeConfigFromEnv();
      await staffAdd(config, {
        account: positionals[2],
        name: values.name ?? '',
        roles: (values.roles ?? '').split(',').filter(Boolean),
        org: values.org ?? config.org,
        password: process.env.HALLNET_PASSWORD ?? (await firstLineOfStdin()),
      });
      console.log(`staff ${positionals[2]} stored at ${config.dataDir}`);
      return;
    }
    case 'demo': {
      const config = nodeConfigFromEnv({ HALLNET_DATA: './data/demo', HALLNET_PORT: '8080', ...process.env });
      const node = await startNode(config, {
        seedDocs: seedDocuments(),
        staff: [{ account: DEMO_CLERK.account, password: DEMO_CLERK.password, name: DEMO_CLERK.name, org: config.org, roles: [...DEMO_CLERK.roles] }],
      });
      console.log(`\nhallnet node ${config.org} at ${node.url}\n  API: ${node.url}/openapi.json\n  clerk login: POST ${node.url}/api/auth/staff-login {"account":"${DEMO_CLERK.account}","password":"${DEMO_CLERK.password}"}\n`);
      runUntilSignal(() => node.close(), logger);
      return;
    }
  }
}

async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof HallnetError) {
    console.error(`hallnet: ${err.code}: ${err.message}`);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
