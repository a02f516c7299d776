import { caseDocSchema, foldCase, mergeCase, type CaseDoc, type CaseState } from '../../sync/index.js';
import type { Store } from '../store/store.js';

/**
 * A case as the district's store holds it, folded: the winning revision merged with any
 * conflicting ones the compactor has not merged yet, so the hub answers with every event stored.
 * Every revision in the store passed the write rule (signatures, one responsible office), so
 * signatures are not checked again here; the fold still leaves out an office acting out of turn.
 * Undefined when the store holds no readable case under the id.
 */
export async function readDistrictCase(store: Store, docId: string): Promise<CaseState | undefined> {
  const winner = await store.get(docId, { conflicts: true });
  if (!winner || winner._deleted) return undefined;
  const { _conflicts: conflicts = [], ...body } = winner;
  const losers = conflicts.length
    ? (await store.openRevs(docId, conflicts)).flatMap((r) => ('ok' in r && !r.ok._deleted ? [r.ok] : []))
    : [];
  const parsed = [body, ...losers].flatMap((d) => {
    const r = caseDocSchema.safeParse(d);
    return r.success ? [r.data as CaseDoc] : [];
  });
  if (!parsed.length) return undefined;
  try {
    return foldCase(parsed.length > 1 ? mergeCase(parsed) : parsed[0]!);
  } catch {
    // No valid acceptance: nothing a resident could follow.
    return undefined;
  }
}
