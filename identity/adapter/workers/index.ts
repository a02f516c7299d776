// The identity service's Workers adapters; the Worker itself is ../../worker.ts.
export { createD1IdentityStore } from './d1-identity-store.js';
export type { D1IdentityStore, D1SweepResult } from './d1-identity-store.js';
export type { D1Database, D1PreparedStatement, D1Result } from './d1-database.js';
export { hubRelayAuth } from './hub-relay-auth.js';
export type { HubRelayAuth } from './hub-relay-auth.js';
export { consoleLogger } from './console-logger.js';
export type { ConsoleLogLevel } from './console-logger.js';
export { readIdentityWorkerEnv } from './identity-worker-env.js';
export type { IdentityWorkerEnv, IdentityWorkerSettings } from './identity-worker-env.js';
export { identityWorker } from './identity-worker.js';
export type { IdentityWorkerHandlers, WorkerContext } from './identity-worker.js';
