import { Gauge } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ServerMetrics } from './server-metrics.js';

describe('ServerMetrics', () => {
  it('runs every collector before a scrape and writes Prometheus text 0.0.4', async () => {
    const m = new ServerMetrics();
    const open = new Gauge({
      name: 'hallnet_test_open',
      help: 'Open things',
      labelNames: ['light'],
      registers: [m.registry],
    });
    let n = 0;
    m.collect('open', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      open.set({ light: 'red' }, ++n);
    });
    const first = await m.render();
    expect(first.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(first.body).toContain('# TYPE hallnet_test_open gauge');
    expect(first.body).toContain('hallnet_test_open{light="red"} 1');
    expect((await m.render()).body).toContain('hallnet_test_open{light="red"} 2');
  });

  it('counts a collector that throws and keeps its gauges and every other figure', async () => {
    const m = new ServerMetrics();
    const kept = new Gauge({ name: 'hallnet_test_kept', help: 'Kept', registers: [m.registry] });
    const other = new Gauge({ name: 'hallnet_test_other', help: 'Other', registers: [m.registry] });
    let fail = false;
    m.collect('kept', () => {
      if (fail) throw new Error('store unreachable');
      kept.set(7);
    });
    m.collect('other', () => other.set(3));
    await m.render();
    fail = true;
    const { body } = await m.render();
    expect(body).toContain('hallnet_test_kept 7');
    expect(body).toContain('hallnet_test_other 3');
    expect(body).toContain('hallnet_metrics_collector_failures_total{collector="kept"} 1');
  });
});
