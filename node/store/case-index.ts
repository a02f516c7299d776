import {
  caseDocSchema,
  foldCase,
  isVisibleTo,
  isWithin,
  mergeCase,
  type CaseDoc,
  type CaseFlag,
  type CaseFlagCode,
  type CaseState,
  type CaseStatus,
} from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import { trafficLight, type Light } from '../domain/traffic-light.js';
import { caseEventProblems } from './case-event-problems.js';
import { followReplica, type ReplicaFollower } from './follow-replica.js';
import { VerifiedRevisions } from './verified-revisions.js';

export interface CaseFilter {
  status?: CaseStatus | undefined;
  light?: Light | undefined;
  matter?: string | undefined;
  department?: string | undefined;
  /** Cases whose accepting organisation lies in this subtree. */
  org?: string | undefined;
  applicantId?: string | undefined;
  queryCode?: string | undefined;
  /** Window or online (网办). */
  channel?: 'window' | 'online' | undefined;
  /** Free text, every word to match one of: the query code, the applicant's name or ID number, the matter's name or code. */
  q?: string | undefined;
  /** Cases the node of this organisation would hold: one of their parties lies in its subtree. */
  seenBy?: string | undefined;
}

/** Whether every word of `q` finds itself in the case's code, applicant or matter (codes and ID numbers without case, spaces or dashes). */
export function matchesText(
  c: Pick<CaseState, 'queryCode' | 'applicant' | 'matterName' | 'matterCode'>,
  q: string,
): boolean {
  const words = q.trim().split(/\s+/).filter(Boolean);
  return words.every((w) => {
    const code = w.toUpperCase().replace(/-/g, '');
    return (
      c.queryCode.includes(code) ||
      c.applicant.name.includes(w) ||
      (code.length >= 4 && c.applicant.idNumber.toUpperCase().includes(code)) ||
      c.matterName.includes(w) ||
      c.matterCode.toUpperCase().includes(w.toUpperCase())
    );
  });
}

/** Where the index reports a change it could not take (it keeps what it held and follows on). */
export type IndexWarn = { warn(detail: object, msg: string): void };

export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** A case document this node holds but does not act on, and why. */
export interface UntrustedCase {
  id: string;
  reason: 'no-valid-acceptance' | 'not-ours';
}

/** A case whose log holds events that were not folded (bad signature, an office acting out of turn). */
export interface FlaggedCase {
  id: string;
  queryCode: string;
  holder: string;
  flags: CaseFlag[];
}

/**
 * Every case this node holds, folded, in memory: the node's lists, filters, board and figures
 * read from here instead of querying PouchDB (design §9: map/reduce views are far too slow to
 * build). It is loaded once at start and then follows the replica's changes feed, which carries
 * the node's own writes and what sync brings alike.
 *
 * Nothing received is taken on trust (the hub may be old, or a backup restored): each event's
 * signature is checked against the district's node keys before it is folded, events that fail are
 * left out and listed, and a case that involves no office of this node's subtree once its invalid
 * events are left out is not listed, counted or acted on at all.
 */
export class CaseIndex {
  private readonly cases = new Map<string, CaseState>();
  private readonly byQueryCode = new Map<string, string>();
  private feed: ReplicaFollower | undefined;
  private readonly listeners = new Set<(caseId: string) => void>();
  /** Per case being taken: its latest change not yet taken (null: deleted; undefined: none since). */
  private readonly waiting = new Map<string, CaseDoc | null | undefined>();
  private readonly untrustedCases = new Map<string, UntrustedCase>();
  /** Cases with an event signed by a key not known yet: looked at again when a certificate arrives. */
  private readonly awaitingKeys = new Set<string>();
  private readonly verified: VerifiedRevisions;

  constructor(
    private readonly db: PouchDB.Database,
    readonly yellowHours: number,
    private readonly trust: { org: string; keys: SignerKeys },
    private readonly log: IndexWarn = { warn: () => undefined },
  ) {
    this.verified = new VerifiedRevisions(db);
  }

  async load(): Promise<void> {
    await this.verified.load();
    const info = await this.db.info();
    const all = await this.db.allDocs({
      include_docs: true,
      conflicts: true,
      startkey: 'case:',
      endkey: 'case:\uffff',
    });
    for (const row of all.rows) if (row.doc) await this.take(row.id, row.doc as CaseDoc);
    this.feed = followReplica(
      this.db,
      { since: info.update_seq, conflicts: true, what: 'case index', log: this.log },
      (ch) => {
        if (!ch.id.startsWith('case:')) return;
        if (ch.deleted) this.follow(ch.id, null);
        else if (ch.doc) this.follow(ch.id, ch.doc as CaseDoc);
      },
    );
  }

  /**
   * Takes a case (the node's own write, so its lists show it before the feed catches up, or one
   * received), checking every signature — unless this very revision (`revKey`: the winner and its
   * conflicts) was checked in full before, at this start or an earlier one.
   */
  put(doc: CaseDoc, revKey: string | undefined = doc._rev): void {
    const known = revKey !== undefined && this.verified.has(doc._id, revKey);
    const { problems, unknownSigner } = known
      ? { problems: new Map(), unknownSigner: false }
      : caseEventProblems(doc, this.trust.keys);
    if (unknownSigner) this.awaitingKeys.add(doc._id);
    else this.awaitingKeys.delete(doc._id);
    if (revKey !== undefined && !known && problems.size === 0) this.verified.mark(doc._id, revKey);
    const state = this.fold(doc, problems);
    if (typeof state === 'string') return this.distrust(doc._id, state);
    this.untrustedCases.delete(doc._id);
    this.cases.set(state.id, state);
    this.byQueryCode.set(state.queryCode, state.id);
    this.changed(state.id);
  }

  /**
   * A case document as this node acts on it, folded the way the index folds it (events that fail
   * their checks left out); undefined for a case the node does not act on. For the API, which reads
   * a case from the replica before deciding on it or showing it.
   */
  trusted(doc: CaseDoc): CaseState | undefined {
    const state = this.fold(doc, caseEventProblems(doc, this.trust.keys).problems);
    return typeof state === 'string' ? undefined : state;
  }

  /** A certificate was revoked: what its key signed since no longer counts, so every case is checked again. */
  async recheckAll(): Promise<void> {
    this.verified.clear();
    for (const id of [...this.cases.keys()]) {
      const doc = await this.db.get<CaseDoc>(`case:${id}`, { conflicts: true }).catch(() => undefined);
      if (doc) this.follow(doc._id, doc);
    }
  }

  /** Looks again at the cases waiting for a signer's certificate (call when one arrives). */
  async recheck(): Promise<void> {
    for (const id of [...this.awaitingKeys]) {
      const doc = await this.db.get<CaseDoc>(id, { conflicts: true }).catch(() => undefined);
      if (doc) this.follow(id, doc);
    }
  }

  /** Cases held but not acted on, for the status page. */
  untrusted(): UntrustedCase[] {
    return [...this.untrustedCases.values()];
  }

  /** Cases with events left out of their fold, for the status page and the supervisor. */
  flagged(): FlaggedCase[] {
    const out: FlaggedCase[] = [];
    for (const c of this.cases.values())
      if (c.flags.length) out.push({ id: c.id, queryCode: c.queryCode, holder: c.holder, flags: c.flags });
    return out;
  }

  /** Calls `listener` with a case's id whenever it changes here (the board re-evaluates); returns the unsubscribe. */
  subscribe(listener: (caseId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): CaseState | undefined {
    return this.cases.get(id);
  }

  byCode(queryCode: string): CaseState | undefined {
    const id = this.byQueryCode.get(queryCode);
    return id === undefined ? undefined : this.cases.get(id);
  }

  get size(): number {
    return this.cases.size;
  }

  /** All cases, for figures and boards. */
  values(): IterableIterator<CaseState> {
    return this.cases.values();
  }

  lightOf(state: CaseState, now: Date): Light | null {
    return trafficLight(state, now, this.yellowHours);
  }

  list(filter: CaseFilter, now: Date, offset: number, limit: number): Page<CaseState & { light: Light | null }> {
    const hits: (CaseState & { light: Light | null })[] = [];
    for (const c of this.cases.values()) {
      if (filter.status && c.status !== filter.status) continue;
      if (filter.matter && c.matterCode !== filter.matter) continue;
      if (filter.department && c.department !== filter.department) continue;
      if (filter.org && !isWithin(c.scope, filter.org)) continue;
      if (filter.seenBy && !isVisibleTo(c, filter.seenBy)) continue;
      if (filter.applicantId && c.applicant.idNumber !== filter.applicantId) continue;
      if (filter.queryCode && c.queryCode !== filter.queryCode) continue;
      if (filter.channel && c.channel !== filter.channel) continue;
      if (filter.q && !matchesText(c, filter.q)) continue;
      const light = this.lightOf(c, now);
      if (filter.light && light !== filter.light) continue;
      hits.push({ ...c, light });
    }
    // Newest first, by when it reached the hall: an application in 预审 by when it was made.
    const since = (c: CaseState) => c.acceptedAt ?? c.appliedAt ?? '';
    hits.sort((a, b) => (since(a) < since(b) ? 1 : since(a) > since(b) ? -1 : a.id.localeCompare(b.id)));
    return { total: hits.length, offset, limit, items: hits.slice(offset, offset + limit) };
  }

  async close(): Promise<void> {
    this.feed?.cancel();
    await this.verified.close();
  }

  /**
   * Takes a document's changes one at a time and only its latest: reading a conflict is async, and
   * an older change finishing after a newer one (or after the deletion) would bring back a stale case.
   */
  private follow(id: string, doc: CaseDoc | null): void {
    const busy = this.waiting.has(id);
    this.waiting.set(id, doc);
    if (busy) return;
    void (async () => {
      for (let next = this.waiting.get(id); next !== undefined; next = this.waiting.get(id)) {
        this.waiting.set(id, undefined);
        if (next === null) this.drop(id);
        else await this.take(id, next);
      }
      this.waiting.delete(id);
    })();
  }

  /** Folds one revision with its conflicts into the index; a case that cannot be read is logged and left as it was. */
  private async take(id: string, doc: CaseDoc): Promise<void> {
    try {
      await this.ingest(doc as CaseDoc & { _conflicts?: string[] });
    } catch (err) {
      this.log.warn({ err, id }, 'case change not indexed; the next change of the case brings it up to date');
    }
  }

  private async ingest(doc: CaseDoc & { _conflicts?: string[] }): Promise<void> {
    if (doc.type !== 'case') return;
    let merged: CaseDoc = doc;
    if (doc._conflicts?.length) {
      // A conflicting revision the compactor merged and removed meanwhile is missing: no longer a conflict.
      const found = await this.db.get<CaseDoc & { _deleted?: boolean }>(doc._id, { open_revs: doc._conflicts });
      const losers = found.flatMap((r) => ('ok' in r && !r.ok._deleted ? [r.ok] : []));
      merged = mergeCase([doc, ...losers]);
    }
    const revKey = [doc._rev, ...(doc._conflicts ?? []).slice().sort()].join(',');
    if (!this.verified.has(doc._id, revKey)) {
      const parsed = caseDocSchema.safeParse(merged);
      if (!parsed.success) {
        // Never silently: a case held but missing from every list is what an operator must be able to find.
        this.log.warn(
          { id: doc._id, rev: doc._rev, issues: parsed.error.issues.slice(0, 5) },
          'case not indexed: it does not match the case schema',
        );
        return;
      }
    }
    this.put(merged, revKey);
  }

  /** The fold without the events in `problems`, or why the case is not acted on at all. */
  private fold(doc: CaseDoc, problems: ReadonlyMap<string, CaseFlagCode>): CaseState | UntrustedCase['reason'] {
    let state: CaseState;
    try {
      state = foldCase(doc, problems);
    } catch {
      return 'no-valid-acceptance';
    }
    // The parties its valid events make, not the ones it claims: a case planted in this subtree is not ours.
    return state.parties.some((p) => isWithin(p, this.trust.org)) ? state : 'not-ours';
  }

  private distrust(docId: string, reason: UntrustedCase['reason']): void {
    this.untrustedCases.set(docId, { id: docId, reason });
    if (this.cases.has(docId.replace(/^case:/, ''))) this.drop(docId);
  }

  private drop(docId: string): void {
    this.verified.forget(docId);
    const id = docId.replace(/^case:/, '');
    const c = this.cases.get(id);
    if (c) this.byQueryCode.delete(c.queryCode);
    this.cases.delete(id);
    this.changed(id);
  }

  private changed(id: string): void {
    for (const l of this.listeners) l(id);
  }
}
