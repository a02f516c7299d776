const DAY_MS = 86_400_000;

/**
 * The next Monday, 10:00 in Beijing, after the real time: a start for a test's clock in a whole
 * district, whose certificates and grants are issued at the real time and must not lie in its future.
 */
export function futureMonday(): Date {
  const t = new Date(Date.now() + DAY_MS);
  const daysToMonday = (8 - t.getUTCDay()) % 7;
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + daysToMonday, 2));
}
