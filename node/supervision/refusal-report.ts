import { REFUSAL_REPORT_PREFIX, refusalReportDocSchema, type RefusalReportDoc } from '../../sync/index.js';

const HOUR_MS = 3_600_000;
const SAMPLES = 5;

/** One node's refused writes as the district's supervision sees them, over every hub process. */
export interface NodeRefusalView {
  org: string;
  name: string;
  fingerprint: string;
  lastDay: number;
  total: number;
  lastAt: string;
  recent: { at: string; id: string; reason: string }[];
}

/** What `GET /api/supervision/refusals` answers. */
export interface RefusalReportView {
  /** When the newest report was published; null where no report is held (anywhere but the district center). */
  asOf: string | null;
  /** Hub processes reporting. */
  reports: number;
  nodes: NodeRefusalView[];
}

/**
 * The writes the hub refused, per node, merged from the reports each hub process publishes (only
 * the district center holds them): counts of the last 24 hours by this node's clock, totals, and
 * the last reasons. Reports that fail their schema are left out.
 */
export async function refusalReport(
  db: PouchDB.Database,
  orgName: (path: string) => string,
  now: Date,
): Promise<RefusalReportView> {
  const res = await db.allDocs({
    include_docs: true,
    startkey: REFUSAL_REPORT_PREFIX,
    endkey: `${REFUSAL_REPORT_PREFIX}\uffff`,
  });
  const reports = res.rows.flatMap((r) => {
    const parsed = refusalReportDocSchema.safeParse(r.doc);
    return parsed.success ? [parsed.data] : [];
  });
  const since = Math.floor(now.getTime() / HOUR_MS) - 23;
  const merged = new Map<string, NodeRefusalView>();
  for (const n of reports.flatMap((r: RefusalReportDoc) => r.nodes)) {
    const key = `${n.org}\n${n.fingerprint}`;
    const v = merged.get(key) ?? {
      org: n.org,
      name: orgName(n.org),
      fingerprint: n.fingerprint,
      lastDay: 0,
      total: 0,
      lastAt: n.lastAt,
      recent: [],
    };
    v.total += n.total;
    v.lastDay += n.hourly.filter((h) => h.hour >= since).reduce((sum, h) => sum + h.count, 0);
    if (n.lastAt > v.lastAt) v.lastAt = n.lastAt;
    v.recent = [...v.recent, ...n.recent].sort((a, b) => b.at.localeCompare(a.at)).slice(0, SAMPLES);
    merged.set(key, v);
  }
  const nodes = [...merged.values()].sort(
    (a, b) => b.lastDay - a.lastDay || b.total - a.total || a.org.localeCompare(b.org),
  );
  const asOf =
    reports
      .map((r) => r.at)
      .sort()
      .at(-1) ?? null;
  return { asOf, reports: reports.length, nodes };
}
