import { Gauge } from 'prom-client';
import { registerProcessMetrics, ServerMetrics } from '../sync/node-only.js';
import type { NodeServices } from './services.js';

type Sources = Pick<NodeServices, 'org' | 'level' | 'clock' | 'sync' | 'queue' | 'index'>;

/**
 * The node's metrics for its operators: the process, the link to the hub, the hall's queue and
 * its open cases by traffic light, on prom-client gauges; the HTTP series are added by
 * `observeRequests` on the same registry. Every gauge is read from live state when `/metrics` is scraped.
 */
export function createNodeMetrics(s: Sources): ServerMetrics {
  const r = new ServerMetrics();
  const registers = [r.registry];
  registerProcessMetrics(r);
  const started = s.clock();
  new Gauge({
    name: 'hallnet_node_info',
    help: 'This node: its organisation path and level (always 1)',
    labelNames: ['org', 'level'],
    registers,
  }).set({ org: s.org, level: s.level }, 1);

  const connected = new Gauge({
    name: 'hallnet_node_sync_connected',
    help: '1 while the link to the hub is up, 0 while it is down or the node works alone',
    registers,
  });
  const lag = new Gauge({
    name: 'hallnet_node_sync_lag_seconds',
    help: 'Seconds since the last successful exchange with the hub; 0 while the link is up with nothing left to exchange',
    registers,
  });
  const lastOk = new Gauge({
    name: 'hallnet_node_sync_last_success_timestamp_seconds',
    help: 'When the node last exchanged documents with the hub, in seconds since the Unix epoch',
    registers,
  });
  const waitingUp = new Gauge({
    name: 'hallnet_node_sync_waiting_up_documents',
    help: 'Local changes the push to the hub has not passed yet',
    registers,
  });
  const refused = new Gauge({
    name: 'hallnet_node_sync_refused_documents',
    help: 'Documents the hub refused (kept at the node, never resent), up to the last 500',
    registers,
  });
  r.collect('sync', async () => {
    if (!s.sync) {
      connected.set(0);
      return;
    }
    const st = s.sync.status();
    const now = s.clock().getTime();
    connected.set(st.connected ? 1 : 0);
    waitingUp.set(await s.sync.refreshWaitingUp());
    refused.set(st.refused.length);
    const last = st.lastSyncAt ? Date.parse(st.lastSyncAt) : undefined;
    if (last !== undefined) lastOk.set(last / 1000);
    // Live replication goes quiet once current: an idle, connected link is no lag at all.
    const current = st.state === 'idle' && st.connected;
    lag.set(current ? 0 : Math.max(0, (now - (last ?? started.getTime())) / 1000));
  });

  const waiting = new Gauge({
    name: 'hallnet_node_queue_waiting_tickets',
    help: "Tickets waiting now in the hall's queue, by category",
    labelNames: ['category', 'letter'],
    registers,
  });
  const averageWait = new Gauge({
    name: 'hallnet_node_queue_average_wait_seconds',
    help: "Today's average wait from ticket to first call, by category",
    labelNames: ['category', 'letter'],
    registers,
  });
  const longestWait = new Gauge({
    name: 'hallnet_node_queue_longest_wait_seconds',
    help: 'How long the longest-waiting ticket has waited, by category',
    labelNames: ['category', 'letter'],
    registers,
  });
  r.collect('queue', () => {
    const stats = s.queue.stats();
    for (const g of [waiting, averageWait, longestWait]) g.reset();
    for (const c of stats.categories) {
      const labels = { category: c.category, letter: c.letter };
      waiting.set(labels, c.waiting);
      if (c.averageWaitMs !== null) averageWait.set(labels, c.averageWaitMs / 1000);
      longestWait.set(labels, (c.longestWaitingMs ?? 0) / 1000);
    }
  });

  const held = new Gauge({ name: 'hallnet_node_cases', help: 'Cases this node holds, open and closed', registers });
  const open = new Gauge({
    name: 'hallnet_node_open_cases',
    help: 'Open cases by traffic light (yellow near the promised deadline, red past it, paused while the applicant is waited for)',
    labelNames: ['light'],
    registers,
  });
  r.collect('cases', () => {
    const now = s.clock();
    const counts = { green: 0, yellow: 0, red: 0, paused: 0 };
    for (const c of s.index.values()) {
      const light = s.index.lightOf(c, now);
      if (light) counts[light]++;
    }
    held.set(s.index.size);
    for (const [light, n] of Object.entries(counts)) open.set({ light }, n);
  });
  return r;
}
