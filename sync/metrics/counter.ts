import { formatLabels, formatValue } from './exposition.js';
import { Metric, type Labels, type MetricSpec } from './metric.js';

/** A value that only goes up (requests served, failures); Prometheus takes its rate. */
export class Counter<L extends string = never> extends Metric<L, { value: number }> {
  readonly type = 'counter';

  constructor(spec: MetricSpec<L>) {
    super(spec);
    // A counter without labels exists from the start, so a rate over it has a first sample of 0.
    if (this.labelNames.length === 0) this.seriesOf(undefined, () => ({ value: 0 }));
  }

  /** Adds `by` (1 unless given; never negative) to the series of these labels. */
  inc(labels?: Labels<L>, by = 1): void {
    if (!(by >= 0)) return;
    this.seriesOf(labels, () => ({ value: 0 })).value += by;
  }

  protected sampleLines(values: readonly string[], data: { value: number }): string[] {
    return [`${this.name}${formatLabels(this.labelNames, values)} ${formatValue(data.value)}`];
  }
}
