import type { NodeRefusals, RefusalReportDoc } from '../../sync/index.js';

const HOUR_MS = 3_600_000;
const KEPT_SAMPLES = 5;
const MAX_NODES = 10_000;

/** A refused write, as the tally takes it. */
export interface Refusal {
  node: { org: string; fingerprint: string };
  id: string;
  reason: string;
  at: Date;
}

/**
 * Refused writes per node: a total, counts per hour over the last day, and the last few with
 * their reasons — what the district's supervision sees of each hall's refusals.
 */
export class RefusalTally {
  private readonly byNode = new Map<string, NodeRefusals>();

  /** A tally that goes on from a report this hub process published before. */
  static from(doc: RefusalReportDoc | undefined): RefusalTally {
    const tally = new RefusalTally();
    for (const n of doc?.nodes ?? []) tally.byNode.set(key(n), structuredClone(n));
    return tally;
  }

  add(r: Refusal): void {
    const k = key(r.node);
    let n = this.byNode.get(k);
    if (!n) {
      // A flood of certificates is bounded: the audit log keeps every refusal all the same.
      if (this.byNode.size >= MAX_NODES) return;
      n = {
        org: r.node.org,
        fingerprint: r.node.fingerprint,
        total: 0,
        hourly: [],
        lastAt: r.at.toISOString(),
        recent: [],
      };
      this.byNode.set(k, n);
    }
    n.total += 1;
    const hour = Math.floor(r.at.getTime() / HOUR_MS);
    const last = n.hourly.at(-1);
    if (last?.hour === hour) last.count += 1;
    else n.hourly.push({ hour, count: 1 });
    n.hourly = n.hourly.filter((h) => h.hour > hour - 24);
    if (r.at.toISOString() > n.lastAt) n.lastAt = r.at.toISOString();
    n.recent = [{ at: r.at.toISOString(), id: r.id, reason: r.reason }, ...n.recent].slice(0, KEPT_SAMPLES);
  }

  /** Drops hourly counts more than a day before `now`; whether anything was dropped. */
  prune(now: Date): boolean {
    const oldest = Math.floor(now.getTime() / HOUR_MS) - 23;
    let dropped = false;
    for (const n of this.byNode.values()) {
      const kept = n.hourly.filter((h) => h.hour >= oldest);
      if (kept.length !== n.hourly.length) {
        n.hourly = kept;
        dropped = true;
      }
    }
    return dropped;
  }

  /** Every node counted, by organisation. */
  nodes(): NodeRefusals[] {
    return [...this.byNode.values()]
      .sort((a, b) => a.org.localeCompare(b.org) || a.fingerprint.localeCompare(b.fingerprint))
      .map((n) => structuredClone(n));
  }
}

function key(n: { org: string; fingerprint: string }): string {
  return `${n.org}\n${n.fingerprint}`;
}
