// The identity Worker in miniflare (workerd, the Workers runtime) on a local port with a local D1,
// for tests and benchmarks driven from Node. Tests only.
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { D1Database } from '../adapter/workers/d1-database.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the Worker is started with: its vars and secrets (wrangler.toml's `[vars]` are not read). */
export interface StartIdentityWorkerOptions {
  district?: string;
  keySealSecret?: string;
  relaySecret?: string;
  smsGatewayUrl?: string;
  bootstrapAdmin?: { account: string; name: string; password: string };
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}

/** A Worker running in miniflare. */
export interface RunningIdentityWorker {
  /** Where it listens, e.g. `http://127.0.0.1:43210`. */
  url: string;
  mf: Miniflare;
  /** The Worker's D1 database, reached from Node. */
  db: D1Database;
  close(): Promise<void>;
}

/** The statements of every migration in `migrations/`, in order, comments dropped. */
async function migrationStatements(): Promise<string[]> {
  const dir = join(root, 'migrations');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const sql = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
  return sql
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Bundles `identity/worker.ts` as wrangler does (ES module, the workerd/worker/browser export
 * conditions, no Node built-ins: a Node import fails the build) and starts it in miniflare with
 * wrangler.toml's compatibility date, a fresh in-memory D1 with the migrations applied, and the
 * given vars and secrets.
 */
export async function startIdentityWorker(opts: StartIdentityWorkerOptions = {}): Promise<RunningIdentityWorker> {
  const bundle = await build({
    entryPoints: [join(root, 'identity', 'worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const toml = await readFile(join(root, 'wrangler.toml'), 'utf8');
  const compatibilityDate = /^compatibility_date\s*=\s*"([\d-]+)"/m.exec(toml)?.[1];
  if (!compatibilityDate) throw new Error('wrangler.toml has no compatibility_date');
  const bindings: Record<string, string> = {
    DISTRICT: opts.district ?? 'dongcheng',
    KEY_SEAL_SECRET: opts.keySealSecret ?? 'miniflare-seal-secret-0123456789abcdef',
    LOG_LEVEL: opts.logLevel ?? 'silent',
    ...(opts.relaySecret ? { RELAY_SECRET: opts.relaySecret } : {}),
    ...(opts.smsGatewayUrl ? { SMS_GATEWAY_URL: opts.smsGatewayUrl } : {}),
    ...(opts.bootstrapAdmin ? { BOOTSTRAP_ADMIN: JSON.stringify(opts.bootstrapAdmin) } : {}),
  };
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: join(root, 'identity', 'worker.js'), contents: bundle.outputFiles[0]!.text }],
    compatibilityDate,
    d1Databases: { DB: 'hallnet-identity' },
    bindings,
    host: '127.0.0.1',
    port: 0,
  });
  try {
    const url = await mf.ready;
    const db = (await mf.getD1Database('DB')) as unknown as D1Database;
    await db.batch((await migrationStatements()).map((s) => db.prepare(s)));
    return { url: url.origin, mf, db, close: () => mf.dispose() };
  } catch (err) {
    await mf.dispose();
    throw err;
  }
}
