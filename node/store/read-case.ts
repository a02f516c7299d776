import { caseDocSchema, mergeCase, type CaseDoc } from '../../sync/index.js';

/** A case as the replica holds it: merged over its leaves, the winning revision, and the losing ones. */
export interface ReadCase {
  merged: CaseDoc;
  winnerRev: string;
  losingRevs: string[];
  /** Every live leaf as stored, the winner first. */
  leaves: CaseDoc[];
}

/**
 * Reads a case and merges its conflicting revisions (design §4). A losing revision that vanished
 * between the two reads (compacted or retired meanwhile) is simply no longer a conflict.
 */
export async function readCase(db: PouchDB.Database, id: string): Promise<ReadCase | undefined> {
  let winner: PouchDB.Core.ExistingDocument<CaseDoc> & { _conflicts?: string[] };
  try {
    winner = await db.get<CaseDoc>(id, { conflicts: true });
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
  if (winner.type !== 'case') return undefined;
  const { _conflicts: losingRevs = [], ...clean } = winner;
  const losers = await Promise.all(
    losingRevs.map((rev) =>
      db.get<CaseDoc>(id, { rev }).catch((err: { status?: number }) => {
        if (err.status === 404) return undefined;
        throw err;
      }),
    ),
  );
  const leaves = [
    clean as CaseDoc,
    ...losers.filter(
      (l): l is PouchDB.Core.ExistingDocument<CaseDoc> => l !== undefined && caseDocSchema.safeParse(l).success,
    ),
  ];
  const merged = mergeCase(leaves);
  return { merged: { ...merged, _rev: winner._rev }, winnerRev: winner._rev, losingRevs, leaves };
}
