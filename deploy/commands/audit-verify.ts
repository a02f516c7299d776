import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  createCouchStore,
  createPouchStore,
  formatAuditReport,
  hubConfigFromEnv,
  verifyAudit,
  type Store,
} from '../../hub/index.js';
import { HallnetError, parseOrThrow } from '../../sync/index.js';
import type { CommandArgs } from './args.js';

const argsSchema = z.strictObject({
  words: z
    .array(z.string())
    .max(
      0,
      'hallnet audit verify takes options only: [--dir <audit folder,…>] [--key <a.pub.pem,b.pub.pem>] [--store <folder or CouchDB URL>]',
    ),
  dir: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string()).min(1, "--dir names the folder of the audit logs, or each instance's, comma-separated"))
    .optional(),
  key: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.string()).min(1, '--key lists one or more public-key files, comma-separated'))
    .optional(),
  store: z.string().min(1, '--store names the store folder or a CouchDB URL').optional(),
});

/**
 * `hallnet audit verify`: checks every audit log in HUB_DATA/audit (or the `--dir` folders) — hash chain,
 * seals against the trusted keys — and the store (HUB_DATA/store, COUCHDB_URL or `--store`)
 * against the logs. Prints a report; exit code 0 when clean, 1 when anything is wrong.
 */
export async function auditVerify({ words, options }: CommandArgs): Promise<void> {
  const a = parseOrThrow(argsSchema, { words, dir: options.dir, key: options.key, store: options.store });
  const config = hubConfigFromEnv();
  const store = await openStore(a.store ?? config.couchUrl ?? join(config.dataDir, 'store'));
  try {
    const report = await verifyAudit({ dir: a.dir ?? join(config.dataDir, 'audit'), keyFiles: a.key, store });
    console.log(formatAuditReport(report));
    process.exitCode = report.findings.length ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function openStore(where: string): Promise<Store> {
  if (/^https?:\/\//.test(where)) return createCouchStore({ url: where });
  // PouchDB would make an empty store where none is, and find it clean.
  if (!existsSync(join(where, 'hub')))
    throw new HallnetError('ERR_CONFIG', `no hub store in ${where} (--store names the folder holding it)`);
  try {
    return await createPouchStore({ dir: where });
  } catch (cause) {
    throw new HallnetError(
      'ERR_CONFIG',
      `cannot open the store in ${where}: a running hub holds it. Stop the hub, or copy the folder and pass --store <copy>`,
      { cause },
    );
  }
}
