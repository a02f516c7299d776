import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge } from 'prom-client';
import type { ServerMetrics } from './server-metrics.js';

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
 * percentile delay of the monitor's timer since the previous scrape. (prom-client's default
 * metrics name the last three and the heap otherwise, and hallnet's names are documented.)
 */
export function registerProcessMetrics(metrics: ServerMetrics): void {
  const registers = [metrics.registry];
  const rss = new Gauge({ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes', registers });
  const heap = new Gauge({ name: 'nodejs_heap_used_bytes', help: 'V8 heap in use, in bytes', registers });
  const cpu = new Counter({
    name: 'process_cpu_seconds_total',
    help: 'User and system CPU time spent, in seconds',
    registers,
  });
  const started = new Gauge({
    name: 'process_start_time_seconds',
    help: 'When the process started, in seconds since the Unix epoch',
    registers,
  });
  const lag = new Gauge({
    name: 'nodejs_eventloop_lag_seconds',
    help: 'How late a callback queued at scrape time ran, in seconds',
    registers,
  });
  const p99 = new Gauge({
    name: 'nodejs_eventloop_delay_p99_seconds',
    help: '99th percentile event-loop delay since the previous scrape, in seconds',
    registers,
  });
  const max = new Gauge({
    name: 'nodejs_eventloop_delay_max_seconds',
    help: 'Worst event-loop delay since the previous scrape, in seconds',
    registers,
  });
  const h = loopDelay();
  let cpuSeen = 0;
  started.set(Math.round(performance.timeOrigin / 1000));
  metrics.collect('process', async () => {
    const mem = process.memoryUsage();
    rss.set(mem.rss);
    heap.set(mem.heapUsed);
    const u = process.cpuUsage();
    const cpuNow = (u.user + u.system) / 1e6;
    cpu.inc(Math.max(0, cpuNow - cpuSeen));
    cpuSeen = cpuNow;
    const t = performance.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
    lag.set((performance.now() - t) / 1000);
    // Shared by every server of the process: in the demo "since the previous scrape" of any of them.
    // Each sample is the monitor's timer interval itself plus the delay: take the interval off.
    const seconds = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS) / 1000;
    if (h.count > 0) {
      p99.set(seconds(h.percentile(99)));
      max.set(seconds(h.max));
    }
    h.reset();
  });
}
