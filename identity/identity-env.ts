import type { Routes } from '../sync/index.js';
import type { Principal } from './principal.js';

/** The identity app's Hono environment: handlers get who is calling from their route input, not from variables. */
export interface IdentityEnv {
  Variables: Record<never, never>;
}

/** The identity service's declared routes. */
export type IdentityRoutes = Routes<IdentityEnv, Principal>;
