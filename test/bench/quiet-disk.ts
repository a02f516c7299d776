import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;
/** Below this the disk counts as quiet: a few small synced writes, no compaction streaming out. */
const QUIET_SECTORS_PER_POLL = 256;
const QUIETS_IN_A_ROW = 3;

/** Sectors written so far to every disk of this machine (Linux), or undefined where it is not told. */
function sectorsWritten(): number | undefined {
  try {
    // Whole disks only (a partition's writes are counted in its disk's too), loop, ram and zram devices left out.
    const disks = new Set(readdirSync('/sys/block').filter((d) => !/^(loop|ram|zram)/.test(d)));
    let total = 0;
    for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (disks.has(f[2] ?? '')) total += Number(f[9]);
    }
    return total;
  } catch {
    return undefined;
  }
}

/**
 * Waits until the disk has been quiet for a moment (at most `maxMs`): a LevelDB compaction that
 * one side's writes set off runs on in the background and would otherwise slow the other side's
 * fsyncs by two thirds, deciding a ratio more than either side does. Answers how long it waited.
 */
export async function quietDisk(maxMs = 10_000): Promise<number> {
  const start = performance.now();
  const first = sectorsWritten();
  if (first === undefined) return 0;
  let last = first;
  let quiet = 0;
  while (quiet < QUIETS_IN_A_ROW && performance.now() - start < maxMs) {
    await sleep(POLL_MS);
    const now: number = sectorsWritten() ?? last;
    quiet = now - last <= QUIET_SECTORS_PER_POLL ? quiet + 1 : 0;
    last = now;
  }
  return performance.now() - start;
}
