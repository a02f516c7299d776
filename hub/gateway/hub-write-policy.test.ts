import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCsr,
  createNodeKey,
  createRootCa,
  GrantBook,
  issueCertificate,
  issueGrant,
} from '../../identity/index.js';
import {
  grantDocSchema,
  HallnetError,
  residentDocId,
  type CaseDoc,
  type GrantPayload,
  type UnsignedCaseDoc,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import { TEST_MATTER_CODE, testReference } from '../testing/hub-fixtures.js';
import { hubAs, openReplica } from '../testing/replica.js';
import { serveGateway, type ServedGateway } from '../testing/serve-gateway.js';
import { storeFactory, type StoreFactory } from '../testing/store-factory.js';
import { testNode, testSigner } from '../testing/test-signers.js';
import type { Store } from '../store/store.js';
import type { Authenticate } from './gateway-types.js';
import { hubWritePolicy } from './hub-write-policy.js';

const STREET = 'dongcheng/jingshan';
const HCG = 'dongcheng/jingshan/huangchenggen';
const DAY = 86_400_000;
// Day 0 of the story: the community's grant runs from day -1 to day 20; the hub hears from it on day 40.
const START = new Date('2027-03-01T02:00:00Z');
const day = (n: number) => new Date(START.getTime() + n * DAY);
const sec = (d: Date) => Math.floor(d.getTime() / 1000);
const actor = { id: 'staff:clerk', org: HCG };

const authenticate: Authenticate = async (c) => {
  const m = /^Test (\S+)$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(m[1]);
};

let dir: string;
let factory: StoreFactory;
let store: Store;
let hub: ServedGateway;
let replica: PouchDB.Database;
let hubNow = day(40);
const rule = { offlineDays: 90 };

/** A case accepted at the community at `at`, its events signed by the community's node. */
function caseAt(at: Date, more: { kind: 'material-received' | 'completed'; at: Date }[] = []): CaseDoc {
  const id = `case:${randomUUID()}`;
  const unsigned: UnsignedCaseDoc = {
    _id: id,
    type: 'case',
    scope: HCG,
    parties: [HCG],
    author: actor,
    at: at.toISOString(),
    matterCode: TEST_MATTER_CODE,
    matterName: '居住证签注',
    department: 'dongcheng/dept/police',
    queryCode: 'Q12345678',
    applicant: { kind: 'person', name: '张三', idType: 'passport', idNumber: 'E12345678', phone: '13800138000' },
    events: [
      {
        id: randomUUID(),
        at: at.toISOString(),
        actor,
        kind: 'accepted',
        channel: 'window',
        received: [],
        missing: [],
        promisedBy: day(60).toISOString(),
      },
    ],
  };
  const events: UnsignedCaseEvent[] = [
    ...unsigned.events,
    ...more.map((e) =>
      e.kind === 'completed'
        ? { id: randomUUID(), at: e.at.toISOString(), actor, kind: e.kind }
        : { id: randomUUID(), at: e.at.toISOString(), actor, kind: e.kind, materialId: 'scan' },
    ),
  ];
  return { ...unsigned, events: testSigner(HCG).signEvents(id, unsigned, events) };
}

/** Pushes documents from the community's replica and returns the hub's refusals, by id. */
async function push(...docs: object[]): Promise<Record<string, string>> {
  await replica.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
  const denied: Record<string, string> = {};
  await PouchDB.replicate(replica, hubAs(hub.dbUrl, `Test ${HCG}`)).on('denied', (e) => {
    const d = e as { id?: string; reason?: string };
    denied[d.id ?? '?'] = d.reason ?? '';
  });
  return denied;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallnet-policy-'));
  factory = await storeFactory('pouch', dir);
  store = await factory.open();
  const root = createRootCa({ district: 'dongcheng', name: '东城区 CA', now: day(-30) });
  const streetKey = createNodeKey();
  const streetCert = issueCertificate({
    csrPem: createCsr({ keyPem: streetKey, org: STREET, level: 5, name: '景山街道' }),
    issuerCertPem: root.certPem,
    issuerKeyPem: root.keyPem,
    validityDays: 365,
    now: day(-10),
  });
  const grants = new GrantBook({ rootPem: () => root.certPem, clock: () => hubNow });
  const payload = (
    p: Pick<GrantPayload, 'grantor' | 'grantee' | 'subtree' | 'rights' | 'parent' | 'exp'>,
  ): GrantPayload => ({ v: 1, nbf: sec(day(-1)), jti: randomUUID(), ...p });
  const toStreet = grantDocSchema.parse(
    await issueGrant(
      payload({
        grantor: 'dongcheng',
        grantee: { org: STREET },
        subtree: STREET,
        rights: ['case.accept', 'grant'],
        parent: null,
        exp: sec(day(300)),
      }),
      { keyPem: root.keyPem, chainPem: [root.certPem] },
      actor,
      day(-1),
    ),
  );
  const toHcg = grantDocSchema.parse(
    await issueGrant(
      payload({
        grantor: STREET,
        grantee: { org: HCG },
        subtree: HCG,
        rights: ['case.accept'],
        parent: toStreet.grantId,
        exp: sec(day(20)),
      }),
      { keyPem: streetKey, chainPem: [streetCert, root.certPem] },
      actor,
      day(-1),
    ),
  );
  grants.add(toStreet);
  grants.add(toHcg);
  hub = await serveGateway({
    store,
    authenticate,
    longpollMaxMs: 5_000,
    mayWrite: hubWritePolicy({
      grants,
      reference: testReference,
      clock: () => hubNow,
      get offlineDays() {
        return rule.offlineDays;
      },
    }),
  });
  replica = openReplica(dir, 'hcg');
});

afterAll(async () => {
  await replica?.close();
  await hub?.close();
  await store?.close();
  await factory?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the hub judges casework by the rights of its own time', () => {
  it('takes a case a community worked while its grant was in force, after the grant has ended, and refuses one begun after', async () => {
    const inForce = caseAt(day(5), [
      { kind: 'material-received', at: day(12) },
      { kind: 'completed', at: day(19) },
    ]);
    const after = caseAt(day(25));
    const denied = await push(inForce, after);
    expect(Object.keys(denied)).toEqual([after._id]);
    expect(denied[after._id]).toMatch(`held no right over cases at ${day(25).toISOString()}`);
    expect(await store.get(inForce._id)).toBeTruthy();
  });

  it('refuses an event appended after the grant ended to a case accepted while it was in force', async () => {
    const kase = caseAt(day(8));
    expect(await push(kase)).toEqual({});
    const held = await replica.get<CaseDoc>(kase._id);
    const [late] = testSigner(HCG).signEvents(kase._id, held, [
      { id: randomUUID(), at: day(22).toISOString(), actor, kind: 'completed' },
    ]);
    const denied = await push({ ...held, events: [...held.events, late!] });
    expect(denied[kase._id]).toMatch(`held no right over cases at ${day(22).toISOString()}`);
  });

  it('judges a register record at its own time too', async () => {
    const applicant = {
      kind: 'person',
      name: '李四',
      idType: 'passport',
      idNumber: 'E87654321',
      phone: '13900139000',
    } as const;
    const record = (at: Date) => ({
      type: 'resident',
      scope: HCG,
      parties: [HCG],
      author: actor,
      at: at.toISOString(),
      applicant,
    });
    const id = await residentDocId(HCG, applicant.idType, applicant.idNumber);
    expect(await push(testSigner(HCG).prove({ _id: id, ...record(day(3)) }))).toEqual({});
    const held = await replica.get(id);
    const denied = await push(testSigner(HCG).prove({ ...record(day(30)), _id: id, _rev: held._rev }));
    expect(denied[id]).toMatch('held no right over cases');
  });

  it('believes a claimed time only back to the offline bound: older work is judged at the bound', async () => {
    rule.offlineDays = 15;
    try {
      const old = caseAt(day(10));
      const denied = await push(old);
      expect(denied[old._id]).toMatch(`held no right over cases at ${day(25).toISOString()}`);
    } finally {
      rule.offlineDays = 90;
    }
  });

  it('never judges work at a moment later than now: a clock running ahead gains nothing', async () => {
    hubNow = day(15);
    try {
      const ahead = caseAt(day(30));
      expect(await push(ahead)).toEqual({});
    } finally {
      hubNow = day(40);
    }
  });
});
