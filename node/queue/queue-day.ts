const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The hall's day of `at` in Beijing time as `20261123`: tickets are numbered afresh each day. */
export function queueDay(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}
