import { createRequire } from 'node:module';

/**
 * leveldown's constructor, typed by each caller as far as it uses it: leveldown is CommonJS without
 * types that match how Node's ESM loader hands it over.
 */
export function leveldown<T extends object>(location: string): T {
  return (createRequire(import.meta.url)('leveldown') as (location: string) => T)(location);
}
