import { Counter, Registry } from 'prom-client';

/**
 * One server's Prometheus registry (prom-client) and the collectors that set its gauges from live
 * state before each scrape. A collector that throws is counted in
 * `hallnet_metrics_collector_failures_total{collector}` and leaves its gauges as they were, so
 * one unreadable figure never costs the whole scrape.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly collectors = new Map<string, () => void | Promise<void>>();
  private readonly failures = new Counter({
    name: 'hallnet_metrics_collector_failures_total',
    help: 'Collectors that threw while a scrape was being answered',
    labelNames: ['collector'],
    registers: [this.registry],
  });

  /** Runs `collect` before every scrape (under `name`, which replaces an earlier collector of that name). */
  collect(name: string, collect: () => void | Promise<void>): void {
    this.collectors.set(name, collect);
  }

  /** Runs the collectors, then writes every metric in the text format 0.0.4. */
  async render(): Promise<{ body: string; contentType: string }> {
    const names = [...this.collectors.keys()];
    const results = await Promise.allSettled([...this.collectors.values()].map(async (collect) => collect()));
    results.forEach((r, i) => r.status === 'rejected' && this.failures.inc({ collector: names[i]! }));
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
