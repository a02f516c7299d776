import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{node,hub,sync,identity,deploy,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**', '**/*.workers.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
