// The identity service's Node-only adapters, kept out of ../../index.ts so the Workers build never loads them.
export { createPouchIdentityStore } from './pouch-identity-store.js';
export { createScryptHasher } from './scrypt-hasher.js';
export { forwardedClientAddress, nodeClientAddress } from './node-client-address.js';
export { createLogNoticeSender, lastLoggedCode } from './log-notice-sender.js';
