import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { build } from 'esbuild';
import { defineConfig, type Plugin } from 'vitest/config';

// The identity suites a second time, inside workerd (the Workers runtime) with local D1 databases:
// `vitest run --config vitest.workers.config.ts`, part of `npm test`. The Worker's own settings come
// from wrangler.toml; the test runner alone gets nodejs_compat, which vitest needs inside workerd.

/**
 * Serves @noble/hashes' KDFs as single bundled modules. The pool runs every dependency through
 * Vite's module runner, which turns each call to an imported function into a property lookup; in
 * scrypt's inner loop that made a hash take 1.3 s instead of 0.15 s. Bundled, the loop calls local
 * functions again, as it does in the deployed Worker (which wrangler bundles the same way).
 */
function bundleNobleKdfs(): Plugin {
  return {
    name: 'hallnet:bundle-noble-kdfs',
    enforce: 'pre',
    async load(id) {
      if (!/[\\/]node_modules[\\/]@noble[\\/]hashes[\\/](scrypt|pbkdf2)\.js$/.test(id)) return undefined;
      const out = await build({
        entryPoints: [id],
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        write: false,
        logLevel: 'silent',
      });
      return out.outputFiles[0]!.text;
    },
  };
}

export default defineConfig(async () => ({
  plugins: [
    bundleNobleKdfs(),
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
          METRICS_TOKEN: 'test-only-metrics-token-0123456789',
          BOOTSTRAP_ADMIN: JSON.stringify({ account: 'admin', name: '区管理员', password: 'Admin-pass-2026' }),
          LOG_LEVEL: 'silent',
        },
      },
    }),
  ],
  test: {
    include: ['identity/**/*.workers.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
}));
