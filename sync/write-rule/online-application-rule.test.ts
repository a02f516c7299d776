import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CaseDoc, UnsignedCaseEvent } from '../case.js';
import { foldCase } from '../case-state.js';
import { licenceDocId, licenceHolderDigest, type LicenceDoc } from '../licence.js';
import type { Matter } from '../matter.js';
import { context, DHM, DSK, heldAs, HCG, JS, next, now, POLICE, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';

/** An online matter handled at communities and streets, whose second material a licence stands for. */
const ONLINE = {
  code: 'M2',
  name: '居住证办理',
  levels: [5, 6],
  department: POLICE,
  decidedBy: 'accepting',
  online: true,
  instant: false,
  allowsMakeUp: false,
  materials: [
    { id: 'id-card', name: '居民身份证', necessity: 'required', originals: 1, copies: 1 },
    { id: 'test-card', name: '测试证', necessity: 'required', originals: 1, copies: 0, licence: 'test-card' },
    { id: 'photo', name: '照片', necessity: 'secondary', originals: 1, copies: 0 },
  ],
} as unknown as Matter;
const matters = [ONLINE];

const ZHANG = {
  kind: 'person' as const,
  name: '张三',
  idType: 'resident-id' as const,
  idNumber: '11010519491231002X',
  phone: '13800138000',
};
const LI = {
  kind: 'person' as const,
  name: '李四',
  idType: 'resident-id' as const,
  idNumber: '110101199003074477',
  phone: '13900139000',
};
const resident = (org: string, who = 'zhang') => ({ id: `resident:${who}`, name: '张三', org });

/** An online application of M2 by 张三 through `through`, placed at `scope`, with the events given after it. */
function application(
  through: string,
  scope: string,
  extra: Partial<Extract<UnsignedCaseEvent, { kind: 'applied' }>> = {},
  applicant = ZHANG,
): CaseDoc {
  const id = `case:${randomUUID()}`;
  const applied = {
    id: randomUUID(),
    at: now(),
    actor: resident(through),
    kind: 'applied' as const,
    received: ['id-card', 'test-card'],
    library: [],
    ...extra,
  };
  const unsigned = {
    _id: id,
    type: 'case' as const,
    scope,
    parties: [...new Set([scope, through])],
    author: resident(through),
    at: now(),
    matterCode: 'M2',
    matterName: '居住证办理',
    department: POLICE,
    queryCode: 'Q12345678',
    applicant,
    events: [applied],
  };
  return { ...unsigned, events: signer(through).signEvents(id, unsigned, [applied as UnsignedCaseEvent]) };
}

/** `doc` with an event acted by `who` (a clerk or the resident), signed by the node of `by`. */
function act(
  doc: CaseDoc,
  who: { id: string; org: string },
  e: { kind: UnsignedCaseEvent['kind'] } & Record<string, unknown>,
  by = who.org,
): CaseDoc {
  const [signed] = signer(by).signEvents(doc._id, doc, [
    { id: randomUUID(), at: now(), actor: who, ...e } as UnsignedCaseEvent,
  ]);
  return { ...doc, author: who, events: [...doc.events, signed!] };
}
const clerk = (org: string) => ({ id: `staff:${org}`, org });
const acceptance = {
  kind: 'accepted',
  channel: 'online',
  received: ['id-card', 'test-card'],
  missing: [],
  promisedBy: '2030-01-01T23:59:59+08:00',
} as const;

describe('the write rule for online applications (预审)', () => {
  it('admits an application a resident makes through any hall, placed at a hall that handles the matter', async () => {
    expect(await checkWrite(writer(HCG), application(HCG, HCG), undefined, context(new Map(), matters))).toEqual({
      ok: true,
    });
    // Through the community's portal, for another street's community: the resident's act, carried to the hall that handles it.
    expect(await checkWrite(writer(HCG), application(HCG, DSK), undefined, context(new Map(), matters))).toEqual({
      ok: true,
    });
    const state = foldCase(application(HCG, DSK));
    expect(state).toMatchObject({
      status: 'pre-review',
      channel: 'online',
      acceptedAt: undefined,
      promisedBy: undefined,
      holder: DSK,
    });
    expect(state.parties.sort()).toEqual([DSK, HCG].sort());
  });

  it('refuses an application made by staff, for a matter not online, at a hall that does not handle it, or with stray parties', async () => {
    const byClerk = application(HCG, HCG);
    const staffApplied = {
      ...byClerk,
      events: signer(HCG).signEvents(byClerk._id, byClerk, [
        { ...(byClerk.events[0] as UnsignedCaseEvent), actor: clerk(HCG) },
      ]),
    };
    expect(await checkWrite(writer(HCG), staffApplied, undefined, context(new Map(), matters))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('resident'),
    });
    const offline = { ...ONLINE, online: false } as Matter;
    expect(
      await checkWrite(writer(HCG), application(HCG, HCG), undefined, context(new Map(), [offline])),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not applied for online') });
    expect(
      await checkWrite(writer(HCG), application(HCG, 'dongcheng'), undefined, context(new Map(), matters)),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('does not handle') });
    expect(
      await checkWrite(
        writer(HCG),
        { ...application(HCG, HCG), parties: [HCG, JS] },
        undefined,
        context(new Map(), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('parties') });
  });

  it("lets only the handling hall's clerk accept, ask for more or refuse, and only while in 预审", async () => {
    const base = application(HCG, DSK);
    const held = heldAs(base);
    const ctx = context(new Map(), matters);
    // The handling hall decides; the hall it was applied through does not, nor does a resident.
    expect(await checkWrite(writer(DSK), next(act(base, clerk(DSK), acceptance)), held, ctx)).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), next(act(base, clerk(HCG), acceptance)), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('accepted'),
    });
    expect(await checkWrite(writer(DSK), next(act(base, resident(DSK), acceptance)), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('clerk'),
    });
    expect(
      await checkWrite(
        writer(DSK),
        next(act(base, clerk(DSK), { kind: 'amendment-requested', materials: ['photo'], note: '照片不清晰' })),
        held,
        ctx,
      ),
    ).toEqual({ ok: true });
    expect(
      await checkWrite(
        writer(DHM),
        next(act(base, clerk(DHM), { kind: 'amendment-requested', materials: ['photo'], note: '照片不清晰' })),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('amendment-requested') });
    expect(
      await checkWrite(
        writer(DSK),
        next(act(base, clerk(DSK), { kind: 'refused', reason: '不属于本区户籍' })),
        held,
        ctx,
      ),
    ).toEqual({ ok: true });
    expect(
      await checkWrite(
        writer(HCG),
        next(act(base, clerk(HCG), { kind: 'refused', reason: '不属于本区户籍' })),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false });
    // Nothing else moves an application in 预审: no forwarding, no completion.
    expect(await checkWrite(writer(DSK), next(act(base, clerk(DSK), { kind: 'completed' })), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('pre-review'),
    });
    expect(
      await checkWrite(writer(DSK), next(act(base, clerk(DSK), { kind: 'forwarded', to: DHM })), held, ctx),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('pre-review') });
  });

  it('lets only the resident who applied add to his application, and none of it once accepted', async () => {
    const base = application(HCG, HCG);
    const held = heldAs(base);
    const ctx = context(new Map(), matters);
    expect(
      await checkWrite(
        writer(HCG),
        next(act(base, resident(HCG), { kind: 'amended', materials: ['photo'], library: [] })),
        held,
        ctx,
      ),
    ).toEqual({ ok: true });
    expect(
      await checkWrite(
        writer(HCG),
        next(act(base, resident(HCG, 'li'), { kind: 'amended', materials: ['photo'], library: [] })),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('applicant') });
    const accepted = act(base, clerk(HCG), acceptance);
    const late = act(accepted, resident(HCG), { kind: 'amended', materials: ['photo'], library: [] });
    expect(await checkWrite(writer(HCG), next(late, '3-c', '2-b'), heldAs(accepted, '2-b'), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not in pre-review'),
    });
    const again = act(accepted, clerk(HCG), acceptance);
    expect(await checkWrite(writer(HCG), next(again, '3-c', '2-b'), heldAs(accepted, '2-b'), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('second acceptance'),
    });
  });

  it("starts the deadline at the clerk's acceptance, names the resident as applicant and the clerk as acceptor, and ends a refused one", () => {
    const base = application(HCG, HCG);
    const accepted = foldCase(act(base, clerk(HCG), acceptance));
    expect(accepted).toMatchObject({
      status: 'processing',
      appliedBy: { id: 'resident:zhang' },
      acceptedBy: { id: `staff:${HCG}` },
      promisedBy: acceptance.promisedBy,
    });
    expect(accepted.acceptedAt! >= accepted.appliedAt!).toBe(true);
    const refused = foldCase(act(base, clerk(HCG), { kind: 'refused', reason: '材料不真实' }));
    expect(refused).toMatchObject({ status: 'refused', reason: '材料不真实', acceptedAt: undefined });
    expect(refused.closedAt).toBeDefined();
  });
});

describe("materials taken from the applicant's library (免提交)", () => {
  const key = randomBytes(16).toString('hex');
  async function licence(holder = ZHANG, extra: Partial<LicenceDoc> = {}): Promise<LicenceDoc> {
    const number = `ZZ-2026-${randomBytes(5).toString('hex').toUpperCase()}`;
    const doc = {
      _id: licenceDocId(number),
      type: 'licence' as const,
      scope: POLICE,
      parties: [POLICE],
      author: clerk(POLICE),
      at: now(),
      number,
      licenceType: 'test-card',
      licenceName: '测试证',
      matterCode: 'M0',
      caseId: randomUUID(),
      issuer: POLICE,
      issuerName: '公安分局',
      holderKind: 'person' as const,
      holder: await licenceHolderDigest(key, holder),
      issuedAt: new Date(Date.now() - 60_000).toISOString(),
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      ...extra,
    };
    return signer(POLICE).prove({ ...doc, seal: { kid: signer(POLICE).kid, sig: 'x'.repeat(16) } }) as LicenceDoc;
  }
  const use = (l: LicenceDoc, k = key) => ({
    materialId: 'test-card',
    source: 'licence' as const,
    level: 'A' as const,
    number: l.number,
    key: k,
  });

  it('takes a licence of the applicant in force, and refuses one not his, revoked, expired, of another type or not held', async () => {
    const good = await licence();
    const held = new Map<string, unknown>([[good._id, good]]);
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(good)] }),
        undefined,
        context(held, matters),
      ),
    ).toEqual({ ok: true });
    const wrongKey = application(HCG, HCG, {
      received: ['id-card'],
      library: [use(good, randomBytes(16).toString('hex'))],
    });
    expect(await checkWrite(writer(HCG), wrongKey, undefined, context(held, matters))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not the applicant's"),
    });
    const othersLicence = await licence(LI);
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(othersLicence)] }),
        undefined,
        context(new Map([[othersLicence._id, othersLicence]]), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("not the applicant's") });
    const revoked = await licence(ZHANG, {
      revoked: { at: new Date(Date.now() - 1000).toISOString(), reason: '吊销', by: clerk(POLICE) },
    });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(revoked)] }),
        undefined,
        context(new Map([[revoked._id, revoked]]), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('ERR_LICENCE_REVOKED') });
    const expired = await licence(ZHANG, { validUntil: new Date(Date.now() - 1000).toISOString() });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(expired)] }),
        undefined,
        context(new Map([[expired._id, expired]]), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('ERR_LICENCE_EXPIRED') });
    const otherType = await licence(ZHANG, { licenceType: 'other-card' });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(otherType)] }),
        undefined,
        context(new Map([[otherType._id, otherType]]), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not a test-card') });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['id-card'], library: [use(good)] }),
        undefined,
        context(new Map(), matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not in the register') });
    // A licence stands only for the material the catalogue names.
    const asId = { ...use(good), materialId: 'id-card' };
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['test-card'], library: [asId] }),
        undefined,
        context(held, matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('no licence stands for') });
  });

  it("takes a clerk-checked (B) scan from an earlier case of the same applicant, never a C upload or another person's", async () => {
    const earlier = application(HCG, HCG);
    const scan = (level: 'B' | 'C', caseId = earlier._id.slice(5)) => ({
      _id: `material:${caseId}:id-card:${randomUUID()}`,
      type: 'material',
      scope: HCG,
      parties: [HCG],
      author: clerk(HCG),
      at: now(),
      caseId,
      materialId: 'id-card',
      name: '居民身份证',
      contentType: 'image/png',
      size: 10,
      sha256: 'a'.repeat(64),
      level,
    });
    const b = scan('B');
    const c = scan('C');
    const held = new Map<string, unknown>([
      [earlier._id, earlier],
      [b._id, b],
      [c._id, c],
    ]);
    const reuse = (m: { _id: string; caseId: string }) => ({
      materialId: 'id-card',
      source: 'material' as const,
      level: 'B' as const,
      docId: m._id,
      caseId: m.caseId,
    });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['test-card'], library: [reuse(b)] }),
        undefined,
        context(held, matters),
      ),
    ).toEqual({ ok: true });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['test-card'], library: [reuse(c)] }),
        undefined,
        context(held, matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('level C') });
    expect(
      await checkWrite(
        writer(HCG),
        application(HCG, HCG, { received: ['test-card'], library: [reuse(b)] }, LI),
        undefined,
        context(held, matters),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("not the applicant's") });
  });

  it("checks what a window acceptance takes from the library as an application's", async () => {
    const good = await licence();
    const id = `case:${randomUUID()}`;
    const accepted = {
      id: randomUUID(),
      at: now(),
      actor: clerk(HCG),
      kind: 'accepted' as const,
      channel: 'window' as const,
      received: ['id-card', 'test-card'],
      missing: [],
      promisedBy: now(),
      library: [use(good, randomBytes(16).toString('hex'))],
    };
    const unsigned = {
      _id: id,
      type: 'case' as const,
      scope: HCG,
      parties: [HCG],
      author: clerk(HCG),
      at: now(),
      matterCode: 'M2',
      matterName: '居住证办理',
      department: POLICE,
      queryCode: 'Q12345678',
      applicant: ZHANG,
      events: [accepted],
    };
    const doc = { ...unsigned, events: signer(HCG).signEvents(id, unsigned, [accepted]) };
    expect(await checkWrite(writer(HCG), doc, undefined, context(new Map([[good._id, good]]), matters))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("not the applicant's"),
    });
  });
});
