// What the write-rule tests share: node keys per organisation, a context over documents the test
// says are held, and cases made, appended to and held the way nodes do it.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { CaseDoc, UnsignedCaseEvent } from '../case.js';
import type { Matter } from '../matter.js';
import { NodeSigner, verifySignature } from '../node-signer.js';
import { DEFAULT_WRITE_BOUNDS } from './write-bounds.js';
import type { Held, WriteContext, Writer } from './write-context.js';

export const HCG = 'dongcheng/jingshan/huangchenggen';
export const JS = 'dongcheng/jingshan';
export const DHM = 'dongcheng/donghuamen';
export const DSK = 'dongcheng/donghuamen/dengshikou';
export const POLICE = 'dongcheng/dept/police';

const signers = new Map<string, NodeSigner>();
/** The node key of `org` (made once per test file). */
export const signer = (org: string) => {
  if (!signers.has(org))
    signers.set(
      org,
      new NodeSigner(
        generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          type: 'pkcs8',
          format: 'pem',
        }) as string,
      ),
    );
  return signers.get(org)!;
};
export const writer = (org: string): Writer => ({ org, kid: signer(org).kid });
export const actor = (org: string) => ({ id: `staff:${org}`, org });
export const now = () => new Date().toISOString();

/** A matter handled at streets and communities, decided at the street; not online. */
export const M1 = {
  code: 'M1',
  name: '居住证签注',
  scope: 'dongcheng',
  parties: ['dongcheng'],
  levels: [5, 6],
  department: POLICE,
  decidedBy: 'street',
  stages: undefined,
  online: false,
  materials: [],
} as unknown as Matter;

/** The rule's lookups, over documents the test says are held (cases under their ids, anything else too) and the matters given. */
export function context(held: Map<string, unknown> = new Map(), matters: readonly Matter[] = [M1]): WriteContext {
  return {
    now: new Date(),
    bounds: DEFAULT_WRITE_BOUNDS,
    // The kit's matters name no version: each is version 1, the seed's.
    matter: (code, version) =>
      matters.find((m) => m.code === code && (version === undefined || (m.version ?? 1) === version)),
    caseDoc: async (id) => held.get(id) as CaseDoc | undefined,
    doc: async (id) => held.get(id) as Record<string, unknown> | undefined,
    applicantOf: async (caseId) => (held.get(`case:${caseId}`) as CaseDoc | undefined)?.applicant,
    rating: async () => undefined,
    grant: () => undefined,
    grantVerifies: async () => false,
    orgName: (p) => `hall ${p}`,
    verify: (kid, input, sig) =>
      [...signers.values()].some((s) => s.kid === kid && verifySignature(s.publicKey, input, sig)),
  };
}

/** A case of M1 accepted at `scope`, its acceptance (with `accepted`'s fields over the kit's) signed by the node of `by`. */
export function newCase(scope: string, by = scope, accepted: Record<string, unknown> = {}): CaseDoc {
  const id = `case:${randomUUID()}`;
  const unsigned = {
    _id: id,
    type: 'case' as const,
    scope,
    parties: [scope],
    author: actor(scope),
    at: now(),
    matterCode: 'M1',
    matterName: '居住证签注',
    department: POLICE,
    queryCode: 'Q12345678',
    applicant: {
      kind: 'person' as const,
      name: '张三',
      idType: 'passport' as const,
      idNumber: 'E12345678',
      phone: '13800138000',
    },
    events: [
      {
        id: randomUUID(),
        at: now(),
        actor: actor(scope),
        kind: 'accepted' as const,
        channel: 'window' as const,
        received: [],
        missing: [],
        promisedBy: now(),
        ...accepted,
      },
    ],
  };
  return { ...unsigned, events: signer(by).signEvents(id, unsigned, unsigned.events) };
}

/** `doc` with one more event by `org`'s clerk (or the actor given), signed by the node of `by`. */
export function append(
  doc: CaseDoc,
  org: string,
  e: { kind: UnsignedCaseEvent['kind'] } & Record<string, unknown>,
  by = org,
): CaseDoc {
  const [signed] = signer(by).signEvents(doc._id, doc, [
    { id: randomUUID(), at: now(), actor: actor(org), ...e } as UnsignedCaseEvent,
  ]);
  const to = e.kind === 'forwarded' ? String(e.to) : undefined;
  return {
    ...doc,
    author: actor(org),
    parties: to && !doc.parties.includes(to) ? [...doc.parties, to] : doc.parties,
    events: [...doc.events, signed!],
  };
}

/** The replica of a node holding `doc` at revision `rev`, as the rule reads it. */
export const heldAs = (doc: object, rev = '1-a'): Held => ({
  leaves: [{ rev, deleted: false, body: doc as unknown as Record<string, unknown> }],
  knownRevs: new Set([rev]),
});
/** The next replicated revision of a document held at `rev`. */
export const next = <T extends object>(doc: T, rev = '2-b', parent = '1-a') => ({
  ...doc,
  _rev: rev,
  _revisions: { start: Number(rev[0]), ids: [rev.slice(2), parent.slice(2)] },
});
