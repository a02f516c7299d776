import type { Matter } from './matter.js';

/**
 * The version of a matter in force on `day` (a Beijing date, `2026-12-31`): the highest version
 * whose effective date has come (the seed's version 1 has none: always), or none when that version
 * retires the matter. Nodes and the hub choose alike, so a window and the write rule agree.
 */
export function matterInForce(versions: readonly Matter[], day: string): Matter | undefined {
  let best: Matter | undefined;
  for (const v of versions) {
    if ((v.effectiveFrom ?? '') > day) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best?.retired ? undefined : best;
}
