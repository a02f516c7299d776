import { caseHeaderOf, type RawLibrary } from '../../sync/index.js';
import type { CaseIndex } from '../store/case-index.js';
import type { CaseStore } from '../store/case-store.js';
import type { MaterialStore } from '../store/material-store.js';
import type { Holder } from './verify-library.js';

/** What this hall's replica holds of a holder's library: the cases made out to him here, their scans; licences come from the register. */
export async function localRawLibrary(
  holder: Holder,
  o: { index: CaseIndex; cases: CaseStore; materials: MaterialStore },
): Promise<RawLibrary> {
  const out: RawLibrary = { cases: [], materials: [], licences: [] };
  const mine = o.index
    .list({ applicantId: holder.idNumber }, new Date(), 0, 500)
    .items.filter((c) => c.applicant.idType === holder.idType);
  for (const state of mine) {
    const doc = await o.cases.get(`case:${state.id}`);
    const first = doc?.events[0];
    if (!doc || !first) continue;
    const completion = doc.events.find((e) => e.kind === 'completed');
    out.cases.push({ _id: doc._id, ...caseHeaderOf(doc), first, ...(completion ? { completion } : {}) });
    out.materials.push(...(await o.materials.list(state.id)));
  }
  return out;
}
