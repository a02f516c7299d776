import { HallnetError } from '../errors.js';
import { escapeHelp } from './exposition.js';

/** Label values by label name; numbers are written as they print. */
export type Labels<L extends string> = Readonly<Record<L, string | number>>;

/** The three metric types hallnet exposes. */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/** What every metric is declared with. */
export interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labels?: readonly L[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * What counters, gauges and histograms share: a checked name and label names, and one series per
 * distinct combination of label values, keyed in label-name order.
 */
export abstract class Metric<L extends string, S> {
  abstract readonly type: MetricType;
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly L[];
  protected readonly series = new Map<string, { values: string[]; data: S }>();

  constructor(spec: MetricSpec<L>) {
    if (!METRIC_NAME.test(spec.name)) throw new HallnetError('ERR_CONFIG', `invalid metric name ${spec.name}`);
    const labels = spec.labels ?? [];
    for (const l of labels) {
      if (!LABEL_NAME.test(l) || l.startsWith('__') || l === 'le') throw new HallnetError('ERR_CONFIG', `invalid label name ${l} on ${spec.name}`);
    }
    if (new Set(labels).size !== labels.length) throw new HallnetError('ERR_CONFIG', `repeated label name on ${spec.name}`);
    this.name = spec.name;
    this.help = spec.help;
    this.labelNames = labels;
  }

  /** Forgets every series: collectors call it before setting the series that exist now. */
  reset(): void {
    this.series.clear();
  }

  /** The metric's lines in the text format, `# HELP` and `# TYPE` first. */
  lines(): string[] {
    const out = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    for (const { values, data } of this.series.values()) out.push(...this.sampleLines(values, data));
    return out;
  }

  protected abstract sampleLines(values: readonly string[], data: S): string[];

  /** The series of these label values, made with `init` when new. */
  protected seriesOf(labels: Labels<L> | undefined, init: () => S): S {
    const values = this.labelNames.map((n) => String(labels?.[n] ?? ''));
    const key = values.join('\u0000');
    let s = this.series.get(key);
    if (!s) {
      s = { values, data: init() };
      this.series.set(key, s);
    }
    return s.data;
  }
}
