import { HallnetError, caseDocSchema, mergeCase, type Actor, type CaseDoc, type CaseEvent } from '../../sync/index.js';
import type { MaterialStore } from './material-store.js';

type Stored = PouchDB.Core.ExistingDocument<CaseDoc>;

const MAX_ATTEMPTS = 5;

/**
 * Reads and writes case documents on the node's replica. Reads always merge conflicting
 * revisions (design §4), so a node shows the whole log even before the hub compacts it; a write
 * that finds a conflict writes the merged log and retires the losing revisions at the same time.
 */
export class CaseStore {
  constructor(private readonly db: PouchDB.Database, private readonly materials?: MaterialStore) {}

  async create(doc: CaseDoc): Promise<CaseDoc> {
    const res = await this.db.put(doc);
    return { ...doc, _rev: res.rev };
  }

  /** The merged case, or undefined when this node does not hold it. */
  async get(id: string): Promise<CaseDoc | undefined> {
    const found = await this.read(id);
    return found?.merged;
  }

  /**
   * Appends the events `decide` returns for the current merged case (it throws to refuse), and
   * retries from a fresh read if another writer got in between, so a decision is always taken on
   * the latest state. The revision's envelope names `author`: the hub checks that whoever writes a
   * revision is inside the writing node's subtree.
   */
  async append(id: string, author: Actor, decide: (current: CaseDoc) => { events: CaseEvent[]; parties?: string[] | undefined }): Promise<CaseDoc> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await this.read(id);
      if (!found) throw new HallnetError('ERR_NOT_FOUND', `no case ${id}`);
      const { events, parties } = decide(found.merged);
      const next: CaseDoc = {
        ...found.merged,
        _rev: found.winnerRev,
        author,
        at: events.at(-1)?.at ?? found.merged.at,
        // Parties only grow: that is how a forwarded case reaches its new holder through sync.
        parties: [...new Set([...found.merged.parties, ...(parties ?? [])])],
        events: [...found.merged.events, ...events],
      };
      const retire = found.losingRevs.map((rev) => ({ _id: found.merged._id, _rev: rev, _deleted: true }));
      const results = await this.db.bulkDocs([next, ...retire] as PouchDB.Core.PutDocument<object>[]);
      const head = results[0];
      if (head && 'ok' in head && head.ok) {
        // Parties only grow, and the case's scanned materials go wherever the case goes.
        if (next.parties.length > found.merged.parties.length) await this.materials?.followParties(id.replace(/^case:/, ''), next.parties, author, next.at);
        return { ...next, _rev: head.rev };
      }
    }
    throw new HallnetError('ERR_CASE_CONFLICT', `case ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
  }

  private async read(id: string): Promise<{ merged: CaseDoc; winnerRev: string; losingRevs: string[] } | undefined> {
    let winner: Stored & { _conflicts?: string[] };
    try {
      winner = await this.db.get<CaseDoc>(id, { conflicts: true });
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
    if (winner.type !== 'case') return undefined;
    const losingRevs = winner._conflicts ?? [];
    const losers = await Promise.all(losingRevs.map((rev) => this.db.get<CaseDoc>(id, { rev })));
    const { _conflicts, ...clean } = winner;
    void _conflicts;
    const merged = mergeCase([clean, ...losers.filter((l) => caseDocSchema.safeParse(l).success)]);
    return { merged: { ...merged, _rev: winner._rev }, winnerRev: winner._rev, losingRevs };
  }
}
