// What the identity suites use of @cloudflare/vitest-pool-workers' `cloudflare:test` module inside
// workerd, typed here: its own declarations need @cloudflare/workers-types, whose globals clash with
// the DOM types the rest of the project is checked against.
declare module 'cloudflare:test' {
  /** The bindings vitest.workers.config.ts declares. */
  export const env: Record<string, unknown>;
  /** The default export of `main` (identity/worker.ts), reached like a request from outside. */
  export const SELF: { fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> };
  /** Applies the migrations not yet applied to `db`. */
  export function applyD1Migrations(db: unknown, migrations: unknown, migrationsTableName?: string): Promise<void>;
}
