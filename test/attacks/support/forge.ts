import { randomUUID } from 'node:crypto';
import type { CaseDoc, CaseEvent, UnsignedCaseEvent } from '../../../sync/index.js';
import type { NodeSigner } from '../../../sync/node-only.js';
import { A } from './attack-district.js';
import { firstRev, nextRev, type Forged } from './attacker.js';
import { by } from './forge-docs.js';

/** Any event kind with its own fields, before signing. */
export type EventBody = { kind: UnsignedCaseEvent['kind'] } & Record<string, unknown>;

/** An event by a clerk of `org`, now, unsigned. */
export function eventBy(org: string, body: EventBody, at = new Date().toISOString()): UnsignedCaseEvent {
  return { id: randomUUID(), at, actor: { id: 'staff:clerk', name: '王窗口', org }, ...body } as UnsignedCaseEvent;
}

/** The held case's next revision, written by the attacker's station, with `events` appended, signed by `signer`. */
export function appended(
  signer: NodeSigner,
  held: Record<string, unknown>,
  events: readonly UnsignedCaseEvent[],
): Forged {
  const doc = held as unknown as CaseDoc;
  const signed = signer.signEvents(doc._id, doc, events);
  return nextRev(held, { ...doc, ...by(A), events: [...doc.events, ...signed] } as unknown as Record<string, unknown>);
}

/** The held case's next revision, written by the attacker's station, whose events are `events(held events)`. */
export function rewritten(held: Record<string, unknown>, events: (e: CaseEvent[]) => CaseEvent[]): Forged {
  const doc = held as unknown as CaseDoc;
  return nextRev(held, { ...doc, ...by(A), events: events([...doc.events]) } as unknown as Record<string, unknown>);
}

/**
 * A new case the way a hall's node writes one: the header of `like` (a case the attacker holds)
 * under a new id, an acceptance by a clerk of `acceptedAt`, then `more` events, all signed by
 * `signer` for the writer at `writer`; `edit` changes the result before it gets its first revision.
 */
export function newCase(
  signer: NodeSigner,
  like: Record<string, unknown>,
  o: {
    scope: string;
    writer: string;
    parties?: string[];
    acceptedAt?: string;
    acceptance?: Partial<UnsignedCaseEvent>;
    more?: (doc: CaseDoc) => UnsignedCaseEvent[];
    edit?: (doc: CaseDoc) => CaseDoc;
  },
): Forged {
  const template = like as unknown as CaseDoc;
  const now = new Date();
  const id = `case:${randomUUID()}`;
  const accepted = {
    ...eventBy(o.acceptedAt ?? o.scope, {
      kind: 'accepted',
      channel: 'window',
      received: [],
      missing: [],
      promisedBy: new Date(now.getTime() + 20 * 86_400_000).toISOString(),
    }),
    ...o.acceptance,
  } as UnsignedCaseEvent;
  const header = {
    _id: id,
    type: 'case' as const,
    scope: o.scope,
    parties: o.parties ?? [o.scope],
    author: { id: 'staff:clerk', name: '王窗口', org: o.writer },
    at: now.toISOString(),
    matterCode: template.matterCode,
    matterName: template.matterName,
    department: template.department,
    queryCode: randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase(),
    applicant: template.applicant,
  };
  const base: CaseDoc = { ...header, events: signer.signEvents(id, header, [accepted]) };
  const more = o.more?.(base) ?? [];
  const doc: CaseDoc = { ...base, events: [...base.events, ...signer.signEvents(id, header, more)] };
  return firstRev((o.edit ?? ((x) => x))(doc) as unknown as Record<string, unknown> & { _id: string });
}
