import { defineConfig } from 'vitest/config';

/** The scale-out test alone (two hub processes behind HAProxy): `npm run test:scale-out`. */
export default defineConfig({
  test: {
    include: ['test/scale-out.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
