import type { CaseEvent, Held } from '../../sync/index.js';

const DAY_MS = 86_400_000;

/** How far back the hub believes the time a write says it was made, unless configured (HUB_BOUND_OFFLINE_DAYS). */
export const DEFAULT_OFFLINE_DAYS = 90;

/**
 * The moments at which a revision did casework, each judged by the rights its writer held then
 * (a hall that worked offline while its grant was in force keeps that work when it comes back
 * after the grant ended). A moment is the time the writer signed into the event or document, but
 * believed only within bounds: never later than now, never earlier than `offlineDays` before now
 * (a hall cannot reach back further than the longest outage the district allows), and for a case
 * never earlier than the events it follows (an event cannot be placed before what it answers).
 *
 * - case: every event new to the hub, except the node's own make-up-overdue marker (a
 *   consequence of the deadline, written whatever the hall's rights at the time);
 * - resident, material: the revision's own time, unless the hub stores that revision already;
 * - notice, rating: none of their own — each is admitted only for a case the hub holds and that
 *   the writer accepted or holds, and the outbox and the rating keeper write them later as
 *   consequences of that case (an SMS sent, a default rating after 7 days);
 * - licence: none of its own — issued exactly as a completion the hub holds recorded it, and
 *   revoked only by its issuer or an office above it.
 */
export function caseworkTimes(
  doc: Record<string, unknown>,
  held: Held | undefined,
  now: Date,
  offlineDays = DEFAULT_OFFLINE_DAYS,
): Date[] {
  const latest = now.getTime();
  const earliest = latest - offlineDays * DAY_MS;
  const believed = (ms: number) => new Date(Math.min(latest, Math.max(earliest, ms)));
  if (doc._deleted === true || (typeof doc._rev === 'string' && held?.knownRevs.has(doc._rev))) return [];
  switch (doc.type) {
    case 'case': {
      const known = new Set<string>();
      for (const leaf of held?.leaves ?? [])
        for (const e of (leaf.body?.events as CaseEvent[] | undefined) ?? []) known.add(e.id);
      const out: Date[] = [];
      let after = -Infinity;
      for (const e of doc.events as CaseEvent[]) {
        after = Math.max(after, Date.parse(e.at));
        if (!known.has(e.id) && e.kind !== 'make-up-overdue') out.push(believed(after));
      }
      return out;
    }
    case 'resident':
    case 'material':
      return [believed(Date.parse(String(doc.at)))];
    default:
      return [];
  }
}
