import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { licenceDocId, licenceHolderDigest, type LicenceDoc } from '../licence.js';
import type { Matter } from '../matter.js';
import { append, context, DSK, heldAs, HCG, JS, newCase, next, now, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';

/** M1 as a matter whose result is a licence valid five years. */
const ISSUING = {
  code: 'M1',
  name: '居住证签注',
  levels: [5, 6],
  department: 'dongcheng/dept/police',
  decidedBy: 'street',
  online: false,
  materials: [],
  issues: [{ licenceType: 'residence-permit', name: '居住证', validYears: 5 }],
} as unknown as Matter;
const inYears = (years: number) => new Date(Date.now() + years * 365.25 * 86_400_000).toISOString();

/** A case accepted at HCG, forwarded to the street and completed there with one licence. */
function completedCase(validUntil = inYears(4)) {
  const key = randomBytes(16).toString('hex');
  const number = `ZZ-2026-${randomBytes(5).toString('hex').toUpperCase()}`;
  const forwarded = append(newCase(HCG), HCG, { kind: 'forwarded', to: JS });
  const done = append(forwarded, JS, {
    kind: 'completed',
    licences: [{ number, licenceType: 'residence-permit', key, validUntil }],
  });
  return { forwarded, done, key, number, validUntil };
}

/** The licence the street issues for `c`, sealed and proved by `by`'s node. */
async function licenceOf(
  c: ReturnType<typeof completedCase>,
  changes: Partial<LicenceDoc> = {},
  by = JS,
): Promise<LicenceDoc> {
  const completion = c.done.events.at(-1)!;
  const body = {
    _id: licenceDocId(c.number),
    type: 'licence' as const,
    scope: JS,
    parties: [JS],
    author: { id: `staff:${JS}`, org: JS },
    at: now(),
    number: c.number,
    licenceType: 'residence-permit',
    licenceName: '居住证',
    matterCode: 'M1',
    caseId: c.done._id.slice(5),
    issuer: JS,
    // The kit's catalogue of names calls every hall `hall <path>`.
    issuerName: `hall ${changes.issuer ?? JS}`,
    holderKind: 'person' as const,
    holder: await licenceHolderDigest(c.key, c.done.applicant),
    issuedAt: completion.at,
    validUntil: c.validUntil,
    ...changes,
  };
  return signer(by).prove({ ...body, seal: signer(by).sealLicence(body) }) as LicenceDoc;
}

describe('the write rule for completions that issue licences', () => {
  it('refuses completing a licence matter without its licence, with another type, or valid too long', async () => {
    const c = completedCase();
    const forwarded = c.forwarded;
    const held = heldAs(forwarded);
    const ctx = context(new Map(), [ISSUING]);
    const key = randomBytes(16).toString('hex');
    expect(await checkWrite(writer(JS), next(append(forwarded, JS, { kind: 'completed' })), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("matter's licences"),
    });
    expect(
      await checkWrite(
        writer(JS),
        next(
          append(forwarded, JS, {
            kind: 'completed',
            licences: [{ number: 'ZZ-2026-AAAAAAAA', licenceType: 'other', key, validUntil: inYears(1) }],
          }),
        ),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await checkWrite(
        writer(JS),
        next(
          append(forwarded, JS, {
            kind: 'completed',
            licences: [{ number: 'ZZ-2026-AAAAAAAA', licenceType: 'residence-permit', key, validUntil: inYears(6) }],
          }),
        ),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('at most 5 years') });
    expect(
      await checkWrite(
        writer(JS),
        next(
          append(forwarded, JS, {
            kind: 'completed',
            licences: [{ number: 'ZZ-2026-AAAAAAAA', licenceType: 'residence-permit', key }],
          }),
        ),
        held,
        ctx,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not without limit') });
    expect(await checkWrite(writer(JS), next(c.done), held, ctx)).toEqual({ ok: true });
  });
});

describe('the write rule for licences (电子证照)', () => {
  it("admits the licence the completing office issued and sealed, for the case's applicant", async () => {
    const c = completedCase();
    expect(
      await checkWrite(writer(JS), await licenceOf(c), undefined, context(new Map([[c.done._id, c.done]]), [ISSUING])),
    ).toEqual({ ok: true });
  });

  it("refuses a licence naming its issuer otherwise than the district's organisations do", async () => {
    const c = completedCase();
    const ctx = context(new Map<string, unknown>([[c.done._id, c.done]]), [ISSUING]);
    const named = await licenceOf(c, { issuerName: '东城区政务服务中心（区残联）' });
    expect(await checkWrite(writer(JS), named, undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('names it'),
    });
  });

  it('refuses a licence from an office that did not complete the case, sealed by another node, with a broken seal, or not as the completion recorded it', async () => {
    const c = completedCase();
    const ctx = context(new Map<string, unknown>([[c.done._id, c.done]]), [ISSUING]);
    // The community accepted the case but did not complete it: it issues nothing.
    const byCommunity = await licenceOf(
      c,
      { scope: HCG, parties: [HCG], issuer: HCG, author: { id: `staff:${HCG}`, org: HCG } },
      HCG,
    );
    expect(await checkWrite(writer(HCG), byCommunity, undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('alone issues'),
    });
    // Sealed with the community's key but written by the street.
    expect(
      await checkWrite(
        writer(JS),
        { ...(await licenceOf(c)), seal: (await licenceOf(c, {}, HCG)).seal },
        undefined,
        ctx,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not sealed') });
    const tampered = await licenceOf(c);
    const forged = signer(JS).prove({ ...tampered, validUntil: inYears(5), proof: undefined });
    expect(await checkWrite(writer(JS), forged, undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not sealed'),
    });
    expect(await checkWrite(writer(JS), await licenceOf(c, { holder: 'f'.repeat(64) }), undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('applicant'),
    });
    expect(
      await checkWrite(writer(JS), await licenceOf({ ...c, number: 'ZZ-2026-NOTISSUED' }), undefined, ctx),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('issued no licence') });
    // Revoked before it reached the hub, its first revision to arrive is revoked: by a clerk of the issuer only.
    expect(
      await checkWrite(
        writer(JS),
        await licenceOf(c, { revoked: { at: now(), reason: 'x', by: { id: `staff:${JS}`, org: JS } } }),
        undefined,
        ctx,
      ),
    ).toMatchObject({ ok: true });
    for (const by of [
      { id: `staff:${HCG}`, org: HCG },
      { id: `node:${JS}`, org: JS },
    ])
      expect(
        await checkWrite(writer(JS), await licenceOf(c, { revoked: { at: now(), reason: 'x', by } }), undefined, ctx),
      ).toMatchObject({ ok: false, reason: expect.stringContaining('in force') });
    expect(await checkWrite(writer(JS), await licenceOf(c), undefined, context(new Map(), [ISSUING]))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no case'),
    });
    const unproved = await licenceOf(c);
    expect(await checkWrite(writer(JS), { ...unproved, proof: undefined }, undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('proof'),
    });
  });

  it('lets the issuer or an office above revoke a licence once, and nothing else change; never deleted', async () => {
    const c = completedCase();
    const issued = await licenceOf(c);
    const held = heldAs(issued);
    const ctx = context(new Map<string, unknown>([[c.done._id, c.done]]), [ISSUING]);
    const revoke = (org: string, extra: Partial<LicenceDoc> = {}) =>
      signer(org).prove({
        ...issued,
        proof: undefined,
        author: { id: `staff:${org}`, org },
        revoked: { at: now(), reason: '以欺骗手段取得', by: { id: `staff:${org}`, org } },
        ...extra,
      });
    expect(await checkWrite(writer(JS), next(revoke(JS)), held, ctx)).toEqual({ ok: true });
    expect(await checkWrite(writer('dongcheng'), next(revoke('dongcheng')), held, ctx)).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), next(revoke(HCG)), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('revokes'),
    });
    expect(await checkWrite(writer(DSK), next(revoke(DSK)), held, ctx)).toMatchObject({ ok: false });
    expect(await checkWrite(writer(JS), next(revoke(JS, { validUntil: inYears(5) })), held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('validUntil'),
    });
    // Dated ahead (in force until then, and the district's own revocation refused as a second) or before its issue.
    for (const at of ['2999-01-01T00:00:00+08:00', '2000-01-01T00:00:00+08:00'])
      expect(
        await checkWrite(
          writer(JS),
          next(revoke(JS, { revoked: { at, reason: '以欺骗手段取得', by: { id: `staff:${JS}`, org: JS } } })),
          held,
          ctx,
        ),
      ).toMatchObject({ ok: false, reason: expect.stringContaining('between its issue and now') });
    const revoked = revoke(JS);
    expect(await checkWrite(writer(JS), next(revoke(JS), '3-c', '2-b'), heldAs(revoked, '2-b'), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('once'),
    });
    const tomb = { _id: issued._id, _rev: '2-t', _deleted: true, _revisions: { start: 2, ids: ['t', 'a'] } };
    expect(await checkWrite(writer(JS), tomb, held, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never deleted'),
    });
  });

  it('keeps the holder out of the public record: nothing in it names him', async () => {
    const c = completedCase();
    const doc = await licenceOf(c);
    const text = JSON.stringify(doc);
    expect(text).not.toContain(c.done.applicant.idNumber);
    expect(text).not.toContain(c.done.applicant.name);
    expect(text).not.toContain(c.key);
  });
});
