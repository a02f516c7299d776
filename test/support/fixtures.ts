import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignerKeys } from '../../node/auth/signer-keys.js';
import type { Applicant, CaseDoc, CaseEvent, UnsignedCaseEvent } from '../../sync/index.js';
import { NodeSigner } from '../../sync/node-only.js';

/** A valid resident applicant (the ID number's check digit is right). */
export const APPLICANT: Applicant = {
  kind: 'person',
  name: '张三',
  idType: 'resident-id',
  idNumber: '11010519491231002X',
  phone: '13800138000',
};

/** A second resident, for tests of what one resident may see of another's cases. */
export const OTHER_APPLICANT: Applicant = {
  kind: 'person',
  name: '李四',
  idType: 'resident-id',
  idNumber: '110101199003074477',
  phone: '13900139000',
};

/**
 * The signature fields of events made by these fixtures: shaped right, verifying against nothing.
 * For tests of pure folding and merging; anything that reaches a write rule or a node's index is
 * signed by a real node (the suites over HTTP) or by hub/testing's signers.
 */
export const UNSIGNED = { kid: '0'.repeat(64), sig: 'not-signed-fixture-event' } as const;

/** A minimal accepted case document at `org`, for tests below the HTTP layer. */
export function caseDoc(org: string, at = '2026-11-02T02:00:00.000Z'): CaseDoc {
  const actor = { id: 'staff:test', name: '测试', org };
  return {
    _id: `case:${randomUUID()}`,
    type: 'case',
    scope: org,
    parties: [org],
    author: actor,
    at,
    matterCode: 'TEST-001',
    matterName: '测试事项',
    department: 'dongcheng/dept/civil',
    queryCode: 'ABCDEFGHJK7',
    applicant: APPLICANT,
    events: [
      {
        id: randomUUID(),
        at,
        actor,
        ...UNSIGNED,
        kind: 'accepted',
        channel: 'window',
        received: [],
        missing: [],
        promisedBy: '2026-11-09T23:59:59+08:00',
      },
    ],
  };
}

/** An event of `kind` at `at` by a clerk of `org`. */
export function event(kind: 'completed' | 'material-received', org: string, at: string): CaseEvent {
  const actor = { id: `staff:${org}`, org };
  return kind === 'completed'
    ? { id: randomUUID(), at, actor, ...UNSIGNED, kind }
    : { id: randomUUID(), at, actor, ...UNSIGNED, kind, materialId: 'm1' };
}

/** A node key for tests below the HTTP layer: its own SignerKeys vouch for it (as a node trusts its own key), covering the whole district. */
export function testKeys(): { signer: NodeSigner; keys: SignerKeys } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signer = new NodeSigner(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  return {
    signer,
    keys: new SignerKeys(
      () => undefined,
      { signer, org: 'dongcheng' },
      () => new Date(),
    ),
  };
}

/** The case with its events (or the `extra` ones about to be added to it) signed by `signer`. */
export function signed<T extends CaseDoc>(signer: NodeSigner, doc: T): T {
  return {
    ...doc,
    events: signer.signEvents(
      doc._id,
      doc,
      doc.events.map(({ kid: _k, sig: _s, ...e }) => e as UnsignedCaseEvent),
    ),
  };
}

/** One event signed by `signer` for appending to `doc`. */
export function signedEvent(signer: NodeSigner, doc: CaseDoc, e: CaseEvent): CaseEvent {
  const { kid: _k, sig: _s, ...unsigned } = e;
  return signer.signEvents(doc._id, doc, [unsigned as UnsignedCaseEvent])[0]!;
}

/** The district center's administrator, staff the identity service is started with in district suites. */
export const DISTRICT_ADMIN = {
  account: 'admin',
  name: '区管理员',
  org: 'dongcheng',
  roles: ['admin' as const],
  password: 'district-admin-pass',
};
