import type { Actor, Applicant, CaseDoc, CaseEvent } from '../../sync/index.js';

export type CaseStatus = 'processing' | 'completed' | 'rejected' | 'withdrawn';

/** What a case is now: a pure fold of its events, so every node that holds the same events agrees. */
export interface CaseState {
  id: string;
  queryCode: string;
  matterCode: string;
  matterName: string;
  department: string;
  scope: string;
  parties: string[];
  applicant: Applicant;
  status: CaseStatus;
  channel: 'window' | 'online';
  acceptedAt: string;
  acceptedBy: Actor;
  promisedBy: string;
  /** Secondary materials still to be made up (容缺), with the date they are due. */
  outstanding: string[];
  makeUpBy: string | undefined;
  received: string[];
  closedAt: string | undefined;
  /** Completed at acceptance, at the window (即办). */
  instant: boolean;
  result: string | undefined;
  reason: string | undefined;
  events: CaseEvent[];
}

const CLOSED: ReadonlySet<CaseStatus> = new Set(['completed', 'rejected', 'withdrawn']);

export function isClosed(status: CaseStatus): boolean {
  return CLOSED.has(status);
}

/** Folds a (merged) case document into its state. Events arrive in merge order; a close is final. */
export function foldCase(doc: CaseDoc): CaseState {
  // A merged log is ordered by time, and clocks of offline nodes drift: find the acceptance by kind.
  const first = doc.events.find((e) => e.kind === 'accepted');
  if (!first || first.kind !== 'accepted') throw new TypeError(`case ${doc._id} has no acceptance`);
  const state: CaseState = {
    id: doc._id.replace(/^case:/, ''),
    queryCode: doc.queryCode,
    matterCode: doc.matterCode,
    matterName: doc.matterName,
    department: doc.department,
    scope: doc.scope,
    parties: doc.parties,
    applicant: doc.applicant,
    status: 'processing',
    channel: first.channel,
    acceptedAt: first.at,
    acceptedBy: first.actor,
    promisedBy: first.promisedBy,
    outstanding: [...first.missing],
    makeUpBy: first.makeUpBy,
    received: [...first.received],
    closedAt: undefined,
    instant: false,
    result: undefined,
    reason: undefined,
    events: doc.events,
  };
  for (const e of doc.events) apply(state, e);
  return state;
}

function apply(s: CaseState, e: CaseEvent): void {
  // Two offline nodes may both close a case; the first close in merge order wins everywhere.
  if (isClosed(s.status) && e.kind !== 'material-received') return;
  switch (e.kind) {
    case 'accepted':
      return;
    case 'material-received':
      if (!s.received.includes(e.materialId)) s.received.push(e.materialId);
      s.outstanding = s.outstanding.filter((m) => m !== e.materialId);
      return;
    case 'completed':
      s.status = 'completed';
      s.closedAt = e.at;
      s.result = e.result;
      s.instant = e.at === s.acceptedAt;
      return;
    case 'rejected':
      s.status = 'rejected';
      s.closedAt = e.at;
      s.reason = e.reason;
      return;
    case 'withdrawn':
      s.status = 'withdrawn';
      s.closedAt = e.at;
      s.reason = e.reason;
      return;
  }
}
