// What the node and the hub share that needs Node (PouchDB, sockets, prom-client); sync/index.ts stays
// Web-only so the identity Worker can import it.
export { HubSync, SYNC_BATCH_SIZE } from './hub-sync.js';
export type { HubSyncOptions, SyncStatus, RefusedDoc } from './hub-sync.js';
export { listen, closeServer, DEFAULT_SERVER_TIMEOUTS } from './listen.js';
export type { ServerTimeouts } from './listen.js';
export { ServerMetrics } from './server-metrics.js';
export { observeRequests } from './observe-requests.js';
export { registerProcessMetrics } from './process-metrics.js';
export { scraperAccess, scraperListSchema, DEFAULT_SCRAPERS } from './scraper-access.js';
export type { ScraperAccessOptions } from './scraper-access.js';
export { NodeSigner, keyIdOf, verifySignature } from './node-signer.js';
