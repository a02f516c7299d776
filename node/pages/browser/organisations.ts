// The district's organisations, public and loaded once per page.
import type { Organisation } from '../../../sync/index.js';
import { api } from './api.js';

/** An organisation as GET /api/organisations lists it. */
export type Org = Pick<Organisation, 'path' | 'name' | 'level' | 'kind'>;

let orgsPromise: Promise<Map<string, Org>> | undefined;

/** The district's organisations by path (public, loaded once per page). */
export function organisations(): Promise<Map<string, Org>> {
  orgsPromise ??= api<{ items: Org[] }>('/api/organisations').then(
    (a) => new Map((a.ok ? a.body.items : []).map((o) => [o.path, o])),
  );
  return orgsPromise;
}

/** The district's organisation names by path. */
export async function orgNames(): Promise<Map<string, string>> {
  return new Map([...(await organisations())].map(([path, o]) => [path, o.name]));
}
