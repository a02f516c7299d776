import { createHash, randomUUID } from 'node:crypto';
import {
  matterSchema,
  ratingDocId,
  residentDocId,
  type CaseDoc,
  type Matter,
  type RatingLevel,
  type UnsignedCaseDoc,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import type { HubReference } from '../follow-reference.js';
import { testSigner } from './test-signers.js';

/** Documents as nodes write them, valid against sync's schemas unless a test spoils them. */
const now = () => new Date().toISOString();
const actor = (org: string) => ({ id: `clerk@${org}`, org });

/** An organisation document (public type), written by the district. */
export function orgDoc(path: string): Record<string, unknown> {
  const depth = path.split('/').length;
  const dept = path.split('/')[1] === 'dept';
  return {
    _id: `org:${path}`,
    type: 'organisation',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: actor('dongcheng'),
    at: now(),
    path,
    name: path,
    level: dept || depth === 1 ? 4 : depth === 2 ? 5 : 6,
    kind: dept ? 'department' : depth === 1 ? 'center' : depth === 2 ? 'street' : 'community',
  };
}

/** The working-day calendar of a year (public type). */
export function calendarDoc(year: number): Record<string, unknown> {
  return {
    _id: `calendar:${year}`,
    type: 'calendar',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: actor('dongcheng'),
    at: now(),
    year,
    holidays: [{ date: `${year}-10-01`, name: '国庆节' }],
    workdays: [],
  };
}

/** The test catalogue's one matter: handled at every level, decided by the street (forwards from communities are in order). */
export const TEST_MATTER_CODE = '11110101000000000000000000000001';

/** The test catalogue's matter document (public type), published and signed by the district's node. */
export function matterDoc(): Record<string, unknown> {
  return testSigner('dongcheng').prove({
    _id: `matter:${TEST_MATTER_CODE}`,
    type: 'matter',
    scope: 'dongcheng',
    parties: ['dongcheng'],
    author: actor('dongcheng'),
    at: now(),
    code: TEST_MATTER_CODE,
    name: '居住证签注',
    matterType: '20',
    levels: [4, 5, 6],
    department: 'dongcheng/dept/police',
    legalBasis: ['《居住证暂行条例》'],
    serves: ['person'],
    conditions: [],
    materials: [{ id: 'scan', name: '扫描件', necessity: 'optional', originals: 0, copies: 1 }],
    procedure: ['受理', '办结'],
    fees: [],
    legalDays: 10,
    promisedDays: 5,
    instant: false,
    decidedBy: 'street',
    allowsMakeUp: false,
    makeUpDays: 5,
    online: false,
    bookable: false,
    courier: false,
    category: 1,
    keywords: [],
  });
}

let testMatter: Matter | undefined;

/** The district's reference as the test catalogue makes it: its one matter, version 1, and paths for names. */
export const testReference: HubReference = {
  matter(code, version) {
    if (code !== TEST_MATTER_CODE || (version ?? 1) !== 1) return undefined;
    testMatter ??= matterSchema.parse(matterDoc());
    return testMatter;
  },
  orgName: (path) => path,
};

/** A case accepted at `scope` by a clerk of `author` (default the scope), its events signed by the node of `by` (default the author), which pushes it. */
export function caseDoc(o: { id?: string; scope: string; author?: string; by?: string }): CaseDoc & { _id: string } {
  const id = o.id ?? `case:${randomUUID()}`;
  const author = o.author ?? o.scope;
  const unsigned: UnsignedCaseDoc = {
    _id: id,
    type: 'case',
    scope: o.scope,
    parties: [o.scope],
    author: actor(author),
    at: now(),
    matterCode: TEST_MATTER_CODE,
    matterName: '居住证签注',
    department: 'dongcheng/dept/police',
    queryCode: 'Q12345678',
    applicant: { kind: 'person', name: '张三', idType: 'passport', idNumber: 'E12345678', phone: '13800138000' },
    events: [
      {
        id: randomUUID(),
        at: now(),
        actor: actor(author),
        kind: 'accepted',
        channel: 'window',
        received: [],
        missing: [],
        promisedBy: new Date(Date.now() + 5 * 86_400_000).toISOString(),
      },
    ],
  };
  return { ...unsigned, events: testSigner(o.by ?? author).signEvents(id, unsigned, unsigned.events) };
}

/** What a test appends to a case: taking in paper, completing, or forwarding upward. */
export type TestEvent = { kind: 'material-received' } | { kind: 'completed' } | { kind: 'forwarded'; to: string };

/** The case with one more event by a clerk of `org`, signed by the node of `by` (default `org`); a forward makes its target a party. */
export function withEvent<T extends CaseDoc>(
  doc: T,
  org: string,
  what: TestEvent = { kind: 'material-received' },
  by = org,
): T {
  const base = { id: randomUUID(), at: now(), actor: actor(org) };
  const e: UnsignedCaseEvent =
    what.kind === 'material-received'
      ? { ...base, kind: what.kind, materialId: 'scan' }
      : what.kind === 'completed'
        ? { ...base, kind: what.kind }
        : { ...base, kind: 'forwarded', to: what.to };
  const [signed] = testSigner(by).signEvents(doc._id, doc, [e]);
  const parties = what.kind === 'forwarded' && !doc.parties.includes(what.to) ? [...doc.parties, what.to] : doc.parties;
  return { ...doc, author: actor(org), parties, events: [...doc.events, signed!] };
}

/** A scanned material of `kase` with one PDF attachment, carrying the case's parties (design §4), signed by the node of `by` (default the case's scope). */
export function materialDoc(kase: CaseDoc, content: string | Uint8Array, by = kase.scope): Record<string, unknown> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
  const caseId = kase._id.replace(/^case:/, '');
  const doc = {
    _id: `material:${caseId}:scan:${randomUUID()}`,
    type: 'material',
    scope: by,
    parties: kase.parties,
    author: actor(by),
    at: now(),
    caseId,
    materialId: 'scan',
    name: 'scan.pdf',
    contentType: 'application/pdf',
    size: bytes.byteLength,
    sha256: createHash('sha256').update(new Uint8Array(bytes)).digest('hex'),
    level: 'B',
  };
  return {
    ...testSigner(by).prove(doc),
    _attachments: { file: { content_type: 'application/pdf', data: bytes.toString('base64') } },
  };
}

/** A hall's register record (一表一库) of the test applicant, signed by that hall's node. */
export async function residentDoc(org: string): Promise<Record<string, unknown>> {
  const applicant = {
    kind: 'person',
    name: '张三',
    idType: 'passport',
    idNumber: 'E12345678',
    phone: '13800138000',
  } as const;
  const doc = {
    _id: await residentDocId(org, applicant.idType, applicant.idNumber),
    type: 'resident',
    scope: org,
    parties: [org],
    author: actor(org),
    at: now(),
    applicant,
  };
  return testSigner(org).prove(doc);
}

/** The resident's rating of case `kase`, as the hall `hall` (default the case's scope) writes and signs it: the case's parties, now. */
export function ratingDoc(
  kase: CaseDoc,
  level: RatingLevel,
  hall = kase.scope,
): Record<string, unknown> & { _id: string } {
  const caseId = kase._id.slice('case:'.length);
  const at = now();
  return testSigner(hall).prove({
    _id: ratingDocId({ kind: 'case', caseId }),
    type: 'rating',
    kind: 'rating',
    scope: hall,
    parties: kase.parties,
    author: { id: `node:${hall}`, org: hall },
    at,
    subject: {
      kind: 'case',
      caseId,
      matterCode: kase.matterCode,
      department: kase.department,
      hall: kase.scope,
      clerk: actor(kase.scope),
      closedAt: at,
    },
    level,
    channel: 'online',
    ratedAt: at,
    // A bad rating carries the date its follow-up is due.
    ...(level === 'dissatisfied' || level === 'very-dissatisfied' ? { followUpBy: at } : {}),
  });
}
