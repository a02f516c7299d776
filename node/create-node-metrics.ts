import { MetricRegistry } from '../sync/index.js';
import { registerProcessMetrics } from '../sync/node-only.js';
import type { NodeServices } from './services.js';

type Sources = Pick<NodeServices, 'org' | 'level' | 'clock' | 'sync' | 'queue' | 'index'>;

/**
 * The node's metrics for its operators: the process, the link to the hub, the hall's queue and
 * its open cases by traffic light; the HTTP series are added by `observeRequests` on the same
 * registry. Every gauge is read from live state when `/metrics` is scraped.
 */
export function createNodeMetrics(s: Sources): MetricRegistry {
  const r = new MetricRegistry();
  registerProcessMetrics(r);
  const started = s.clock();
  r.gauge({ name: 'hallnet_node_info', help: 'This node: its organisation path and level (always 1)', labels: ['org', 'level'] }).set({ org: s.org, level: s.level }, 1);

  const connected = r.gauge({ name: 'hallnet_node_sync_connected', help: '1 while the link to the hub is up, 0 while it is down or the node works alone' });
  const lag = r.gauge({
    name: 'hallnet_node_sync_lag_seconds',
    help: 'Seconds since the last successful exchange with the hub; 0 while the link is up with nothing left to exchange',
  });
  const lastOk = r.gauge({ name: 'hallnet_node_sync_last_success_timestamp_seconds', help: 'When the node last exchanged documents with the hub, in seconds since the Unix epoch' });
  const waitingUp = r.gauge({ name: 'hallnet_node_sync_waiting_up_documents', help: 'Local changes the push to the hub has not passed yet' });
  const refused = r.gauge({ name: 'hallnet_node_sync_refused_documents', help: 'Documents the hub refused (kept at the node, never resent), up to the last 500' });
  r.collect('sync', async () => {
    if (!s.sync) {
      connected.set(undefined, 0);
      return;
    }
    const st = s.sync.status();
    const now = s.clock().getTime();
    connected.set(undefined, st.connected ? 1 : 0);
    waitingUp.set(undefined, await s.sync.refreshWaitingUp());
    refused.set(undefined, st.refused.length);
    const last = st.lastSyncAt ? Date.parse(st.lastSyncAt) : undefined;
    if (last !== undefined) lastOk.set(undefined, last / 1000);
    // Live replication goes quiet once current: an idle, connected link is no lag at all.
    const current = st.state === 'idle' && st.connected;
    lag.set(undefined, current ? 0 : Math.max(0, (now - (last ?? started.getTime())) / 1000));
  });

  const waiting = r.gauge({ name: 'hallnet_node_queue_waiting_tickets', help: "Tickets waiting now in the hall's queue, by category", labels: ['category', 'letter'] });
  const averageWait = r.gauge({ name: 'hallnet_node_queue_average_wait_seconds', help: "Today's average wait from ticket to first call, by category", labels: ['category', 'letter'] });
  const longestWait = r.gauge({ name: 'hallnet_node_queue_longest_wait_seconds', help: 'How long the longest-waiting ticket has waited, by category', labels: ['category', 'letter'] });
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

  const held = r.gauge({ name: 'hallnet_node_cases', help: 'Cases this node holds, open and closed' });
  const open = r.gauge({ name: 'hallnet_node_open_cases', help: 'Open cases by traffic light (yellow near the promised deadline, red past it)', labels: ['light'] });
  r.collect('cases', () => {
    const now = s.clock();
    const counts = { green: 0, yellow: 0, red: 0 };
    for (const c of s.index.values()) {
      const light = s.index.lightOf(c, now);
      if (light) counts[light]++;
    }
    held.set(undefined, s.index.size);
    for (const [light, n] of Object.entries(counts)) open.set({ light }, n);
  });
  return r;
}
