import type { Actor, DocType } from '../../sync/index.js';

/** The district every seed document belongs to and is addressed to. */
export const DISTRICT = 'dongcheng';

/** The author of every seed document: the district's government service office. */
export const SEED_AUTHOR: Actor = { id: 'seed', name: '东城区政务服务管理办公室', org: DISTRICT };

/** The time every seed document is dated. */
export const SEED_AT = '2026-01-01T00:00:00+08:00';

/** The envelope fields a seed document carries besides its body. */
export type SeedEnvelope<T extends DocType> = {
  _id: string;
  type: T;
  scope: string;
  parties: string[];
  author: Actor;
  at: string;
};

/**
 * Wraps a document body in the seed envelope: the seed date, `by` as author (东城's office unless
 * another district's is named) and its district as scope and party.
 */
export function seedDoc<T extends DocType, B extends object>(
  type: T,
  id: string,
  body: B,
  by: Actor = SEED_AUTHOR,
): SeedEnvelope<T> & B {
  // Envelope fields come last so a body can never override them; arrays and objects are fresh per doc.
  return { ...body, _id: id, type, scope: by.org, parties: [by.org], author: { ...by }, at: SEED_AT };
}
