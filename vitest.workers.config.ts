import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The identity suites a second time, inside workerd (the Workers runtime) with local D1 databases:
// `vitest run --config vitest.workers.config.ts`, part of `npm test`. The Worker's own settings come
// from wrangler.toml; the test runner alone gets nodejs_compat, which vitest needs inside workerd.
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      main: './identity/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        compatibilityFlags: ['nodejs_compat'],
        // One fresh database per store a suite makes (identity/testing/d1-store-factory.ts).
        d1Databases: ['DB', ...Array.from({ length: 8 }, (_, i) => `TEST_DB_${i + 1}`)],
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations('migrations'),
          KEY_SEAL_SECRET: 'test-only-seal-secret-0123456789abcdef',
          RELAY_SECRET: 'test-only-relay-secret-0123456789abcdef',
          BOOTSTRAP_ADMIN: JSON.stringify({ account: 'admin', name: '区管理员', password: 'Admin-pass-2026' }),
        },
      },
    }),
  ],
  test: {
    include: ['identity/**/*.workers.test.ts'],
    server: { deps: { external: [/@noble\/hashes/] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
