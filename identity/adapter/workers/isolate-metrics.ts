import type { MiddlewareHandler } from 'hono';
import { REQUEST_SERIES, requestLabels } from '../../../sync/index.js';

/** The media type of Prometheus' text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const { requests: REQUESTS, duration: DURATION } = REQUEST_SERIES;

interface Timings {
  labels: string;
  /** Per bucket, observations in it and not in a lower one; the text format wants them cumulative. */
  counts: number[];
  sum: number;
  count: number;
}

const escapeLabel = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
const labelText = (labels: Record<string, string | number>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(String(v))}"`)
    .join(',');

/**
 * The identity Worker's own small exposition: the two HTTP series every hallnet server has
 * (REQUEST_SERIES), counted for this isolate only. A Worker has no process to measure and cannot
 * run prom-client, which the node and the hub use; this is all it needs.
 */
export class IsolateMetrics {
  private readonly requests = new Map<string, number>();
  private readonly timings = new Map<string, Timings>();

  /** Middleware counting and timing each request under its route pattern, as the node and the hub do. */
  readonly observe: MiddlewareHandler = async (c, next) => {
    const start = performance.now();
    const own = c.req.routeIndex;
    let status = 500;
    try {
      await next();
      status = c.res.status;
    } finally {
      const labels = requestLabels(c, own);
      const key = labelText({ ...labels, status });
      this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
      this.time(labelText(labels), (performance.now() - start) / 1000);
    }
  };

  private time(labels: string, seconds: number): void {
    let t = this.timings.get(labels);
    if (!t) {
      t = { labels, counts: new Array<number>(DURATION.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.timings.set(labels, t);
    }
    const bucket = DURATION.buckets.findIndex((le) => seconds <= le);
    t.counts[bucket === -1 ? DURATION.buckets.length : bucket]!++;
    t.sum += seconds;
    t.count++;
  }

  /** Both series in the text format 0.0.4. */
  render(): string {
    const lines = [`# HELP ${REQUESTS.name} ${REQUESTS.help}`, `# TYPE ${REQUESTS.name} counter`];
    for (const [labels, n] of this.requests) lines.push(`${REQUESTS.name}{${labels}} ${n}`);
    lines.push(`# HELP ${DURATION.name} ${DURATION.help}`, `# TYPE ${DURATION.name} histogram`);
    for (const t of this.timings.values()) {
      let cumulative = 0;
      DURATION.buckets.forEach((le, i) => {
        cumulative += t.counts[i]!;
        lines.push(`${DURATION.name}_bucket{le="${le}",${t.labels}} ${cumulative}`);
      });
      lines.push(
        `${DURATION.name}_bucket{le="+Inf",${t.labels}} ${t.count}`,
        `${DURATION.name}_sum{${t.labels}} ${t.sum}`,
        `${DURATION.name}_count{${t.labels}} ${t.count}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }
}
