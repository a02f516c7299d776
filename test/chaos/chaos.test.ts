import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { killChaosProcesses } from './chaos-district.js';
import { runChaos } from './chaos-run.js';

const dir = tempDir('hallnet-chaos-');
afterAll(() => {
  killChaosProcesses();
  dir.remove();
});

// The chaos suite, short: real hub and hall processes enrolled with the hallnet commands, clerks
// working at every hall through its HTTP API, one random fault per round. `npm run bench chaos`
// runs the long one.
describe('chaos: a district under kills, freezes, cut lines and partitions', () => {
  it('loses, forks and leaks nothing, and communities accept while cut off', async () => {
    const result = await runChaos({
      dir: dir.path,
      rounds: 5,
      roundMs: 4_000,
      paceMs: 200,
      seed: Date.now() % 100_000,
      convergeMs: 120_000,
      log: (line) => process.stderr.write(`chaos ${line}\n`),
    });
    console.log(
      `chaos rounds=${result.rounds} cases=${result.acknowledgedCases} events=${result.acknowledgedEvents} converged in ${result.convergeSeconds.toFixed(1)} s; faults: ${result.faults.join('; ')}; partition writes: ${result.partitionWrites.join('; ') || 'none'}`,
    );
    if (result.lost.length || result.divergent.length)
      process.stderr.write(`chaos status at the end: ${JSON.stringify(result.status)}\n`);
    expect(result.acknowledgedCases).toBeGreaterThan(10);
    expect({
      lost: result.lost,
      divergent: result.divergent,
      leaked: result.leaked,
      refusedWhileCut: result.refusedWhileCut,
      crashes: result.crashes,
    }).toEqual({ lost: [], divergent: [], leaked: [], refusedWhileCut: [], crashes: [] });
  }, 300_000);
});
