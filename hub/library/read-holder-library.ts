import {
  caseDocSchema,
  caseHeaderOf,
  licenceDocId,
  licenceDocSchema,
  materialDocSchema,
  mergeCase,
  type CaseDoc,
  type RawLibrary,
} from '../../sync/index.js';
import type { Store } from '../store/store.js';

/**
 * A holder's library as the district's store holds it: for each of his cases its header with the
 * signed first event and completion, the scans of its materials (without the files), and the
 * licences the completion issued. The hall that asked verifies every signature itself.
 */
export async function readHolderLibrary(store: Store, caseDocIds: readonly string[]): Promise<RawLibrary> {
  const out: RawLibrary = { cases: [], materials: [], licences: [] };
  for (const docId of caseDocIds.slice(0, 500)) {
    const merged = await readMerged(store, docId);
    const first = merged?.events[0];
    if (!merged || !first) continue;
    const completion = merged.events.find((e) => e.kind === 'completed');
    out.cases.push({ _id: merged._id, ...caseHeaderOf(merged), first, ...(completion ? { completion } : {}) });
    for (const raw of await store.docsByPrefix(`material:${merged._id.slice(5)}:`, { limit: 100 })) {
      const { _attachments: _a, _rev: _r, ...body } = raw;
      void _a;
      void _r;
      const m = materialDocSchema.safeParse(body);
      if (m.success) out.materials.push(m.data);
    }
    for (const l of completion?.kind === 'completed' ? (completion.licences ?? []) : []) {
      const doc = licenceDocSchema.safeParse(await store.get(licenceDocId(l.number)));
      if (doc.success) out.licences.push(doc.data);
    }
  }
  return out;
}

/** A case merged over its live conflicting revisions, or undefined. */
async function readMerged(store: Store, docId: string): Promise<CaseDoc | undefined> {
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
  return parsed.length > 1 ? mergeCase(parsed) : parsed[0];
}
