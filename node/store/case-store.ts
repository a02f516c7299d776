import {
  caseHeaderOf,
  HallnetError,
  type Actor,
  type CaseDoc,
  type Held,
  type UnsignedCaseDoc,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import type { GuardedWriter } from './guarded-writer.js';
import type { MaterialStore } from './material-store.js';
import { readCase, type ReadCase } from './read-case.js';

const MAX_ATTEMPTS = 5;

/**
 * Reads and writes case documents on the node's replica. Reads always merge conflicting
 * revisions (design §4), so a node shows the whole log even before the hub compacts it; a write
 * that finds a conflict writes the merged log and retires the losing revisions at the same time.
 * Every event is signed by this node as it is stored, and every write is checked against the
 * district's write rule first (GuardedWriter).
 */
export class CaseStore {
  constructor(
    private readonly db: PouchDB.Database,
    private readonly guard: GuardedWriter,
    private readonly materials?: MaterialStore,
  ) {}

  /** Stores a newly accepted case (its id made at random just now, as `acceptCase` makes it), its events signed by this node. */
  async create(doc: UnsignedCaseDoc): Promise<CaseDoc> {
    const events = await this.guard.signer.signEventsInBatch(doc._id, caseHeaderOf(doc), doc.events);
    const signed: CaseDoc = { ...doc, events };
    return this.guard.create(signed);
  }

  /** The merged case, or undefined when this node does not hold it. */
  async get(id: string): Promise<CaseDoc | undefined> {
    return (await readCase(this.db, id))?.merged;
  }

  /**
   * Appends the events `decide` returns for the current merged case (it throws to refuse; no events
   * write nothing), and
   * retries from a fresh read if another writer got in between, so a decision is always taken on
   * the latest state. The revision's envelope names `author`: the hub checks that whoever writes a
   * revision is inside the writing node's subtree.
   */
  async append(
    id: string,
    author: Actor,
    decide: (current: CaseDoc) => { events: UnsignedCaseEvent[]; parties?: string[] | undefined },
  ): Promise<CaseDoc> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const found = await readCase(this.db, id);
      if (!found) throw new HallnetError('ERR_NOT_FOUND', `no case ${id}`);
      const { events, parties } = decide(found.merged);
      // Nothing to add (a repeated action): the case as it stands is the answer.
      if (!events.length) return found.merged;
      const signed = await this.guard.signer.signEventsInBatch(found.merged._id, caseHeaderOf(found.merged), events);
      const next: CaseDoc = {
        ...found.merged,
        _rev: found.winnerRev,
        author,
        at: events.at(-1)?.at ?? found.merged.at,
        // Parties only grow: that is how a forwarded case reaches its new holder through sync.
        parties: [...new Set([...found.merged.parties, ...(parties ?? [])])],
        events: [...found.merged.events, ...signed],
      };
      await this.guard.check(next, heldOf(found));
      const retire = found.losingRevs.map((rev) => ({ _id: found.merged._id, _rev: rev, _deleted: true }));
      const results = await this.guard.store([next, ...retire]);
      const head = results[0];
      if (head && 'ok' in head && head.ok) {
        // Parties only grow, and the case's scanned materials go wherever the case goes.
        if (next.parties.length > found.merged.parties.length)
          await this.materials?.followParties(id.replace(/^case:/, ''), next.parties, author, next.at);
        return { ...next, _rev: head.rev };
      }
    }
    throw new HallnetError('ERR_CASE_CONFLICT', `case ${id} kept changing under ${MAX_ATTEMPTS} attempts`);
  }
}

/** The replica's leaves of a case, as the write rule reads them. */
function heldOf(found: ReadCase): Held {
  const revs = found.leaves.map((l) => String(l._rev));
  return {
    leaves: found.leaves.map((l) => ({
      rev: String(l._rev),
      deleted: false,
      body: l as unknown as Record<string, unknown>,
    })),
    knownRevs: new Set(revs),
  };
}
