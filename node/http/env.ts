import type { Principal } from '../../identity/index.js';
import type { Routes } from '../../sync/index.js';

/** The variables every node request carries. */
export interface NodeEnv {
  Variables: {
    requestId: string;
  };
}

/** The node's declared routes. */
export type NodeRoutes = Routes<NodeEnv, Principal>;
