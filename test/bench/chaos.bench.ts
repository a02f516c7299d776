import { runChaos } from '../chaos/chaos-run.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './report.js';

/**
 * The chaos suite, long (issue 19): a hub and four halls as real processes under 30 random faults
 * (`HALLNET_CHAOS_ROUNDS` to change), clerks working throughout; prints what was acknowledged,
 * what was lost, forked or leaked (each must be 0) and how long the halls took to agree after the last heal.
 */
export async function runChaosBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-chaos-');
  try {
    const seed = Date.now() % 100_000;
    const result = await runChaos({
      dir: dir.path,
      rounds: Number(process.env.HALLNET_CHAOS_ROUNDS ?? 30),
      roundMs: 8_000,
      paceMs: 100,
      seed,
      convergeMs: 600_000,
      log: (line) => console.log(`chaos ${line}`),
    });
    report('chaos.rounds', result.rounds, 'faults');
    report('chaos.acknowledged_cases', result.acknowledgedCases, 'cases');
    report('chaos.acknowledged_events', result.acknowledgedEvents, 'events');
    report('chaos.lost', result.lost.length, 'writes');
    report('chaos.divergent', result.divergent.length, 'cases');
    report('chaos.leaked', result.leaked.length, 'cases');
    report('chaos.refused_while_cut', result.refusedWhileCut.length, 'acceptances');
    report('chaos.crashes', result.crashes.length, 'processes');
    report('chaos.time_to_converge', result.convergeSeconds, 's');
    if (result.lost.length || result.divergent.length)
      console.log(`chaos status at the end: ${JSON.stringify(result.status)}`);
    for (const line of result.partitionWrites) console.log(`chaos partition write: ${line}`);
    for (const line of [
      ...result.lost,
      ...result.divergent,
      ...result.leaked,
      ...result.refusedWhileCut,
      ...result.crashes,
    ].slice(0, 20))
      console.log(`chaos finding: ${line}`);
  } finally {
    dir.remove();
  }
}
