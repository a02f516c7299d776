import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { MetricRegistry } from './metrics/metric-registry.js';

const RESOLUTION_MS = 10;
let delay: IntervalHistogram | undefined;

/** One event-loop delay monitor per process, however many servers it runs (its timer does not hold the process open). */
function loopDelay(): IntervalHistogram {
  if (!delay) {
    delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    delay.enable();
  }
  return delay;
}

/**
 * The process's own figures, under Prometheus' usual names: resident memory, heap, CPU time, start
 * time, and event-loop lag — the delay of a callback queued at scrape time, and the worst and 99th
 * percentile delay of the monitor's timer since the previous scrape. Node-only.
 */
export function registerProcessMetrics(registry: MetricRegistry): void {
  const rss = registry.gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes' });
  const heap = registry.gauge({ name: 'nodejs_heap_used_bytes', help: 'V8 heap in use, in bytes' });
  const cpu = registry.counter({ name: 'process_cpu_seconds_total', help: 'User and system CPU time spent, in seconds' });
  const started = registry.gauge({ name: 'process_start_time_seconds', help: 'When the process started, in seconds since the Unix epoch' });
  const lag = registry.gauge({ name: 'nodejs_eventloop_lag_seconds', help: 'How late a callback queued at scrape time ran, in seconds' });
  const p99 = registry.gauge({ name: 'nodejs_eventloop_delay_p99_seconds', help: '99th percentile event-loop delay since the previous scrape, in seconds' });
  const max = registry.gauge({ name: 'nodejs_eventloop_delay_max_seconds', help: 'Worst event-loop delay since the previous scrape, in seconds' });
  const h = loopDelay();
  let cpuSeen = 0;
  started.set(undefined, Math.round(performance.timeOrigin / 1000));
  registry.collect('process', async () => {
    const mem = process.memoryUsage();
    rss.set(undefined, mem.rss);
    heap.set(undefined, mem.heapUsed);
    const u = process.cpuUsage();
    const cpuNow = (u.user + u.system) / 1e6;
    cpu.inc(undefined, cpuNow - cpuSeen);
    cpuSeen = cpuNow;
    const t = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    lag.set(undefined, (performance.now() - t) / 1000);
    // Shared by every server of the process: in the demo "since the previous scrape" of any of them.
    // Each sample is the monitor's timer interval itself plus the delay: take the interval off.
    const seconds = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS) / 1000;
    if (h.count > 0) {
      p99.set(undefined, seconds(h.percentile(99)));
      max.set(undefined, seconds(h.max));
    }
    h.reset();
  });
}
