const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time, where every hall is. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
