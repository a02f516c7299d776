// The hall node as deploy/ starts, enrolls and seeds it; everything else stays inside node/.
export { startNode } from './start-node.js';
export type { RunningNode, StartNodeOptions } from './start-node.js';
export { nodeConfigFromEnv } from './config.js';
export type { NodeConfig } from './config.js';
export { loadOrCreateNodeKey, nodeKeyPath } from './auth/node-key.js';
export { readNodeChain, writeNodeChain } from './auth/node-chain.js';
export { StaffVerifiers } from './auth/staff-verifiers.js';
export { openNodeDb } from './store/open-node-db.js';
export { acceptCase } from './domain/accept-case.js';
export { completion } from './domain/case-actions.js';
export type { AcceptContext, AcceptInput } from './domain/accept-case.js';
export type { WorkCalendar } from './domain/working-days.js';
