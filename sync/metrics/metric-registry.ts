import { HallnetError } from '../errors.js';
import { Counter } from './counter.js';
import { Gauge } from './gauge.js';
import { Histogram } from './histogram.js';
import type { Metric, MetricSpec } from './metric.js';

type AnyMetric = Metric<string, unknown>;

/**
 * One process's (or one server's) metrics, written out in Prometheus' text format 0.0.4. Asking
 * twice for a metric of the same name, type and labels gives the same metric, so each part of a
 * server (the hub's gateway, its identity service) declares what it records without a central list.
 * Collectors run before each exposition to set gauges from live state; a failing one is counted
 * in `hallnet_metrics_collector_failures_total` and leaves its gauges as they were.
 */
export class MetricRegistry {
  private readonly metrics = new Map<string, AnyMetric>();
  private readonly collectors = new Map<string, () => void | Promise<void>>();
  private readonly failures: Counter<'collector'>;

  constructor() {
    this.failures = this.counter({ name: 'hallnet_metrics_collector_failures_total', help: 'Collectors that threw while a scrape was being answered', labels: ['collector'] });
  }

  /** The counter of this name, declared here or by an earlier call. */
  counter<L extends string = never>(spec: MetricSpec<L>): Counter<L> {
    return this.declare(spec, 'counter', () => new Counter(spec));
  }

  /** The gauge of this name, declared here or by an earlier call. */
  gauge<L extends string = never>(spec: MetricSpec<L>): Gauge<L> {
    return this.declare(spec, 'gauge', () => new Gauge(spec));
  }

  /** The histogram of this name, declared here or by an earlier call with the same buckets. */
  histogram<L extends string = never>(spec: MetricSpec<L> & { buckets: readonly number[] }): Histogram<L> {
    const h = this.declare(spec, 'histogram', () => new Histogram(spec));
    if (h.buckets.join() !== spec.buckets.filter((b) => b !== Number.POSITIVE_INFINITY).join()) {
      throw new HallnetError('ERR_CONFIG', `histogram ${spec.name} is already declared with other buckets`);
    }
    return h;
  }

  /** Runs `collect` before every exposition (under `name`, which replaces an earlier collector of that name). */
  collect(name: string, collect: () => void | Promise<void>): void {
    this.collectors.set(name, collect);
  }

  /** Runs the collectors, then writes every metric in the text format (ending in a line feed). */
  async render(): Promise<string> {
    const names = [...this.collectors.keys()];
    const results = await Promise.allSettled([...this.collectors.values()].map(async (c) => c()));
    results.forEach((r, i) => {
      if (r.status === 'rejected') this.failures.inc({ collector: names[i]! });
    });
    const lines: string[] = [];
    for (const m of this.metrics.values()) lines.push(...m.lines());
    return `${lines.join('\n')}\n`;
  }

  private declare<M extends AnyMetric>(spec: MetricSpec<string>, type: M['type'], make: () => M): M {
    const existing = this.metrics.get(spec.name);
    if (existing) {
      if (existing.type !== type || existing.labelNames.join() !== (spec.labels ?? []).join()) {
        throw new HallnetError('ERR_CONFIG', `metric ${spec.name} is already declared as a ${existing.type} with labels [${existing.labelNames.join(', ')}]`);
      }
      return existing as M;
    }
    const m = make();
    this.metrics.set(spec.name, m as unknown as AnyMetric);
    return m;
  }
}
