import { HallnetError } from '../../sync/index.js';

// Preloaded (`appEntry('deploy/cli.ts', ['test/support/inject-faults.ts'])`) into a
// real hallnet process by test/keep-serving.test.ts: each SIGUSR2 sets off the next fault named in
// HALLNET_TEST_FAULTS, from inside the process, as a background task's bug would.
const faults = (process.env.HALLNET_TEST_FAULTS ?? '').split(',').filter(Boolean);

process.on('SIGUSR2', () => {
  const fault = faults.shift();
  if (fault === 'reject') void Promise.reject(new Error('injected: a rejection nobody handles'));
  if (fault === 'throw')
    setImmediate(() => {
      throw new Error('injected: an exception nobody catches');
    });
  if (fault === 'invariant')
    setImmediate(() => {
      throw new HallnetError('ERR_INVARIANT', 'injected: the replica is gone');
    });
});
