// Stores on the local D1 databases vitest.workers.config.ts binds, for suites running in workerd.
import { applyD1Migrations, env } from 'cloudflare:test';
import { createD1IdentityStore } from '../adapter/workers/d1-identity-store.js';
import type { D1Database } from '../adapter/workers/d1-database.js';
import { createNobleScryptHasher } from '../noble-scrypt-hasher.js';
import type { StoreFactory } from './store-contract.js';

/**
 * A StoreFactory handing out, in turn, the databases bound as TEST_DB_1, TEST_DB_2, … each with the
 * schema of `migrations/` applied and nothing else: a fresh store per `make()`, as the suites need.
 * With the Worker's hasher (pure-JS scrypt), so the app suites run as the Worker would.
 */
export function d1StoreFactory(): StoreFactory {
  let next = 1;
  return {
    hasher: createNobleScryptHasher(),
    async make() {
      const name = `TEST_DB_${next++}`;
      const db = env[name] as D1Database | undefined;
      if (!db) throw new Error(`no D1 binding ${name}: bind more TEST_DB_n in vitest.workers.config.ts`);
      await applyD1Migrations(db, env.TEST_MIGRATIONS);
      return createD1IdentityStore(db);
    },
  };
}
