import { HallnetError } from '../errors.js';
import { formatLabels, formatValue } from './exposition.js';
import { Metric, type Labels, type MetricSpec } from './metric.js';

/** Request durations in seconds: from a millisecond (a cached read) to ten seconds (a first sync page). */
export const DURATION_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface HistogramData {
  /** Per bucket, observations in it and not in a lower one; the text format wants them cumulative. */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted in buckets (`le`), with their sum and count, from which Prometheus estimates quantiles. */
export class Histogram<L extends string = never> extends Metric<L, HistogramData> {
  readonly type = 'histogram';
  readonly buckets: readonly number[];

  constructor(spec: MetricSpec<L> & { buckets: readonly number[] }) {
    super(spec);
    const b = spec.buckets.filter((x) => x !== Number.POSITIVE_INFINITY);
    if (b.length === 0 || b.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= b[i - 1]!))) {
      throw new HallnetError('ERR_CONFIG', `histogram ${spec.name} needs finite buckets in increasing order`);
    }
    this.buckets = b;
  }

  /** Counts one observation in the series of these labels. */
  observe(labels: Labels<L> | undefined, value: number): void {
    if (Number.isNaN(value)) return;
    const d = this.seriesOf(labels, () => ({ counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 }));
    let i = 0;
    while (i < this.buckets.length && value > this.buckets[i]!) i++;
    d.counts[i]!++;
    d.sum += value;
    d.count++;
  }

  protected sampleLines(values: readonly string[], d: HistogramData): string[] {
    const names = [...this.labelNames, 'le'];
    const out: string[] = [];
    let cumulative = 0;
    this.buckets.forEach((le, i) => {
      cumulative += d.counts[i]!;
      out.push(`${this.name}_bucket${formatLabels(names, [...values, formatValue(le)])} ${cumulative}`);
    });
    out.push(`${this.name}_bucket${formatLabels(names, [...values, '+Inf'])} ${d.count}`);
    out.push(`${this.name}_sum${formatLabels(this.labelNames, values)} ${formatValue(d.sum)}`);
    out.push(`${this.name}_count${formatLabels(this.labelNames, values)} ${d.count}`);
    return out;
  }
}
