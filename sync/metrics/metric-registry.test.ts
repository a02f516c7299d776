import { describe, expect, it } from 'vitest';
import { HallnetError } from '../errors.js';
import { MetricRegistry } from './metric-registry.js';

describe('the metric registry writes the Prometheus text format 0.0.4', () => {
  it('writes HELP and TYPE before the samples, labels in declared order, values escaped', async () => {
    const r = new MetricRegistry();
    const c = r.counter({ name: 'jobs_total', help: 'Jobs done\nby kind, with \\ in it', labels: ['kind', 'org'] });
    c.inc({ kind: 'a"b', org: 'dongcheng/jingshan' });
    c.inc({ kind: 'a"b', org: 'dongcheng/jingshan' }, 2);
    c.inc({ org: 'x', kind: 'line\nfeed' });
    const text = await r.render();
    expect(text).toContain('# HELP jobs_total Jobs done\\nby kind, with \\\\ in it\n# TYPE jobs_total counter\n');
    expect(text).toContain('jobs_total{kind="a\\"b",org="dongcheng/jingshan"} 3\n');
    expect(text).toContain('jobs_total{kind="line\\nfeed",org="x"} 1\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('starts a counter without labels at 0 and never lets it go down', async () => {
    const r = new MetricRegistry();
    const c = r.counter({ name: 'starts_total', help: 'Starts' });
    expect(await r.render()).toContain('\nstarts_total 0\n');
    c.inc(undefined, -5);
    c.inc();
    expect(await r.render()).toContain('\nstarts_total 1\n');
  });

  it('writes histogram buckets cumulatively with +Inf, _sum and _count', async () => {
    const r = new MetricRegistry();
    const h = r.histogram({ name: 'wait_seconds', help: 'Waits', labels: ['route'], buckets: [0.1, 1, 10] });
    for (const v of [0.05, 0.1, 0.5, 5, 50]) h.observe({ route: '/x/:id' }, v);
    const lines = (await r.render()).split('\n');
    expect(lines).toContain('# TYPE wait_seconds histogram');
    expect(lines).toEqual(
      expect.arrayContaining([
        'wait_seconds_bucket{route="/x/:id",le="0.1"} 2',
        'wait_seconds_bucket{route="/x/:id",le="1"} 3',
        'wait_seconds_bucket{route="/x/:id",le="10"} 4',
        'wait_seconds_bucket{route="/x/:id",le="+Inf"} 5',
        'wait_seconds_sum{route="/x/:id"} 55.65',
        'wait_seconds_count{route="/x/:id"} 5',
      ]),
    );
  });

  it('writes NaN and infinities as the format spells them', async () => {
    const r = new MetricRegistry();
    const g = r.gauge({ name: 'odd', help: 'Odd values', labels: ['v'] });
    g.set({ v: 'nan' }, Number.NaN);
    g.set({ v: 'inf' }, Number.POSITIVE_INFINITY);
    g.set({ v: 'ninf' }, Number.NEGATIVE_INFINITY);
    const text = await r.render();
    expect(text).toContain('odd{v="nan"} NaN');
    expect(text).toContain('odd{v="inf"} +Inf');
    expect(text).toContain('odd{v="ninf"} -Inf');
  });

  it('runs collectors before each exposition and counts a failing one without failing the scrape', async () => {
    const r = new MetricRegistry();
    const g = r.gauge({ name: 'queue_length', help: 'Waiting', labels: ['category'] });
    let n = 0;
    r.collect('queue', () => {
      g.reset();
      g.set({ category: 1 }, ++n);
    });
    r.collect('broken', async () => {
      throw new Error('store down');
    });
    await r.render();
    const text = await r.render();
    expect(text).toContain('queue_length{category="1"} 2');
    expect(text).toContain('hallnet_metrics_collector_failures_total{collector="broken"} 2');
  });

  it('gives the same metric to a second declaration and refuses a conflicting one', () => {
    const r = new MetricRegistry();
    const a = r.counter({ name: 'x_total', help: 'x', labels: ['a'] });
    expect(r.counter({ name: 'x_total', help: 'x', labels: ['a'] })).toBe(a);
    expect(() => r.gauge({ name: 'x_total', help: 'x', labels: ['a'] })).toThrow(HallnetError);
    expect(() => r.counter({ name: 'x_total', help: 'x', labels: ['b'] })).toThrow(/already declared/);
    r.histogram({ name: 'h', help: 'h', buckets: [1, 2] });
    expect(() => r.histogram({ name: 'h', help: 'h', buckets: [1, 3] })).toThrow(/other buckets/);
  });

  it('refuses invalid names, reserved labels and unordered buckets', () => {
    const r = new MetricRegistry();
    expect(() => r.counter({ name: 'bad-name', help: '' })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
    expect(() => r.counter({ name: 'ok', help: '', labels: ['__x'] })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
    expect(() => r.histogram({ name: 'h2', help: '', labels: ['le'], buckets: [1] })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
    expect(() => r.histogram({ name: 'h3', help: '', buckets: [2, 1] })).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
  });
});
