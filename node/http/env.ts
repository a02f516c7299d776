import type { Principal } from './principal.js';

/** The variables every node request carries. */
export interface NodeEnv {
  Variables: {
    requestId: string;
    principal: Principal | undefined;
  };
}
