// What the node and the hub share that needs Node (PouchDB, sockets); sync/index.ts stays
// Web-only so the identity Worker can import it.
export { HubSync } from './hub-sync.js';
export type { HubSyncOptions, SyncStatus, RefusedDoc } from './hub-sync.js';
export { listen, closeServer } from './listen.js';
export { registerProcessMetrics } from './process-metrics.js';
