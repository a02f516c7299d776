import type { Matter } from '../../sync/index.js';

/** A matter as a draft proposes it: its fields without the document around them (id, envelope, proof, version, dates). */
export function matterFields(m: Matter): Record<string, unknown> {
  const { _id, _rev, type, scope, parties, author, at, proof, version, effectiveFrom, retired, ...fields } =
    m as Matter & Record<string, unknown>;
  void [_id, _rev, type, scope, parties, author, at, proof, version, effectiveFrom, retired];
  return fields;
}
