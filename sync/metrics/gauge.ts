import { formatLabels, formatValue } from './exposition.js';
import { Metric, type Labels, type MetricSpec } from './metric.js';

/** A value that goes up and down (connections, queue length, lag), usually set by a collector at scrape time. */
export class Gauge<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = 'gauge';

  constructor(spec: MetricSpec<L>) {
    super(spec);
  }

  /** Sets the series of these labels; pass labels `{}` (or nothing) for a gauge without labels. */
  set(labels: Labels<L> | undefined, value: number): void {
    this.seriesOf(labels, () => ({ value: 0 })).value = value;
  }

  /** Adds `by` (may be negative) to the series of these labels. */
  inc(labels?: Labels<L>, by = 1): void {
    this.seriesOf(labels, () => ({ value: 0 })).value += by;
  }

  protected sampleLines(values: readonly string[], data: { value: number }): string[] {
    return [`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(data.value)}`];
  }
}
