// The part of Cloudflare's D1 binding the identity store uses, typed here so the project needs
// neither @cloudflare/workers-types nor its globals, which clash with the DOM types of the rest.

/** What a statement's run or all answers. */
export interface D1Result<T = Record<string, unknown>> {
  results: T[];
  success: boolean;
  meta: { changes: number; [key: string]: unknown };
}

/** A prepared statement, bound or not. */
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<D1Result<T>>;
  run<T = Record<string, unknown>>(): Promise<D1Result<T>>;
}

/** A D1 database binding (`env.DB`). `batch` runs its statements in one transaction. */
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  batch<T = Record<string, unknown>>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]>;
}
