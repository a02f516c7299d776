import { Gauge } from 'prom-client';
import { registerProcessMetrics, type ServerMetrics } from '../sync/node-only.js';
import type { Gateway } from './gateway/create-gateway.js';
import type { Store } from './store/store.js';

/** How far the index's lag look reads the store's feed; beyond it the gauge says "at least this". */
const LAG_LOOK = 1000;
/** The window of `hallnet_hub_active_nodes`. */
const ACTIVE_WINDOW_MS = 60_000;

/**
 * Declares the hub's metrics for its operators on `r`: the process, the nodes on line (open
 * longpolls, distinct nodes in the last minute), the store's documents and how far the visibility
 * index trails the store, on prom-client gauges. The HTTP series of the gateway, the identity service and the hub's own
 * routes come from `observeRequests` on the same registry. Gauges are read when `/metrics` is scraped.
 */
export function registerHubMetrics(r: ServerMetrics, opts: { district: string; store: Store; gateway: Gateway }): void {
  const { store, gateway } = opts;
  const registers = [r.registry];
  const started = Date.now();
  registerProcessMetrics(r);
  new Gauge({
    name: 'hallnet_hub_info',
    help: 'This hub: its district and the kind of store behind it (always 1)',
    labelNames: ['district', 'store'],
    registers,
  }).set({ district: opts.district, store: store.kind }, 1);

  const longpolls = new Gauge({
    name: 'hallnet_hub_open_longpolls',
    help: 'Live _changes longpolls held open now: nodes waiting for what comes next',
    registers,
  });
  const active = new Gauge({
    name: 'hallnet_hub_active_nodes',
    help: 'Distinct nodes that made an authenticated request in the last minute',
    registers,
  });
  r.collect('connections', () => {
    longpolls.set(gateway.connections.openLongpolls);
    active.set(gateway.connections.activeNodes(ACTIVE_WINDOW_MS));
  });

  const documents = new Gauge({
    name: 'hallnet_hub_store_documents',
    help: 'Live documents in the store, by kind of store',
    labelNames: ['store'],
    registers,
  });
  r.collect('store', async () => {
    documents.set({ store: store.kind }, (await store.info()).docCount);
  });

  const ready = new Gauge({
    name: 'hallnet_hub_index_ready',
    help: '1 once the visibility index has caught up with the store for the first time',
    registers,
  });
  const lagChanges = new Gauge({
    name: 'hallnet_hub_index_lag_changes',
    help: `Store changes the visibility index has not applied yet (read up to ${LAG_LOOK})`,
    registers,
  });
  const lagSeconds = new Gauge({
    name: 'hallnet_hub_index_lag_seconds',
    help: 'Seconds since the visibility index was last level with the store; 0 while it is',
    registers,
  });
  r.collect('index', async () => {
    const { index } = gateway;
    const behind = (await store.changes({ since: index.appliedStoreSeq, limit: LAG_LOOK })).results.length;
    const at = index.currentAt;
    ready.set(at === undefined ? 0 : 1);
    lagChanges.set(behind);
    lagSeconds.set(behind === 0 ? 0 : Math.max(0, (Date.now() - (at ?? started)) / 1000));
  });
}
