import { identityWorker } from './adapter/workers/identity-worker.js';

/**
 * The identity service's Cloudflare Worker entry (`main` in wrangler.toml). Everything it imports
 * is Web-only: no node:*, no node-forge, no PouchDB (web-only-core.test.ts follows the imports).
 */
export default identityWorker;
