// The replication client runs PouchDB, so it has its own entry: sync/index.ts stays Web-only for
// the identity Worker.
export { HubSync } from './hub-sync.js';
export type { HubSyncOptions, SyncStatus, RefusedDoc } from './hub-sync.js';
