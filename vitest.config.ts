import { defineConfig } from 'vitest/config';

/**
 * Files that kill, freeze or time real processes, or count what a process leaves behind: they run
 * one at a time after the rest, so another file's load on a 2-core machine does not decide their
 * timings. The rest run two files at once (Vitest's default on 2 cores is one, which made CI
 * wait on child processes and browsers for most of its 29 minutes).
 */
const ALONE = [
  'test/chaos/**/*.test.ts',
  'test/hub-restart-reconnect.test.ts',
  'test/hub-recovery.test.ts',
  'test/keep-serving.test.ts',
  'test/kill-during-accept.test.ts',
  'test/kill-during-queue.test.ts',
  'test/month-offline.test.ts',
  'test/scale-out.test.ts',
  'test/start-failure-cleanup.test.ts',
];
const EXCLUDE = ['**/node_modules/**', 'test/bench/**', '**/*.workers.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/support/build-app.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'together',
          include: ['{node,hub,sync,identity,deploy,test}/**/*.test.ts'],
          exclude: [...EXCLUDE, ...ALONE],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          exclude: EXCLUDE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
