import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { context, DSK, heldAs, HCG, JS, newCase, next, now, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';

const kase = newCase(HCG);
const held = new Map<string, unknown>([[kase._id, kase]]);
const bytes = new TextEncoder().encode('%PDF-1.4 scan');
const clerk = { id: `staff:${HCG}`, org: HCG };
const resident = { id: 'resident:zhang', name: '张三', org: HCG };

/** A material of the case written by HCG's node, uploaded by `by`, at `level`. */
function material(level: 'B' | 'C' | undefined, by: { id: string; org: string } = clerk) {
  const caseId = kase._id.slice(5);
  return {
    _id: `material:${caseId}:id-card:${randomUUID()}`,
    type: 'material',
    scope: HCG,
    parties: [HCG],
    author: by,
    at: now(),
    caseId,
    materialId: 'id-card',
    name: '居民身份证',
    contentType: 'application/pdf',
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    ...(level ? { level } : {}),
    _attachments: { file: { content_type: 'application/pdf', data: Buffer.from(bytes).toString('base64') } },
  };
}
const prove = <T extends object>(doc: T, org = HCG) => signer(org).prove(doc);

describe('the write rule for materials and their trust levels', () => {
  it("admits a clerk's scan at B and a resident's upload at C, never the other way round or without a level", async () => {
    expect(await checkWrite(writer(HCG), prove(material('B')), undefined, context(held))).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), prove(material('C', resident)), undefined, context(held))).toEqual({
      ok: true,
    });
    expect(await checkWrite(writer(HCG), prove(material('C', clerk)), undefined, context(held))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('B when a clerk'),
    });
    expect(await checkWrite(writer(HCG), prove(material('B', resident)), undefined, context(held))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('C when the applicant'),
    });
    expect(await checkWrite(writer(HCG), prove(material(undefined)), undefined, context(held))).toMatchObject({
      ok: false,
    });
    expect(
      await checkWrite(
        writer(DSK),
        prove({ ...material('B'), scope: DSK, author: { id: `staff:${DSK}`, org: DSK } }, DSK),
        undefined,
        context(held),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not involved') });
  });

  it("refuses a material filed under another case's id, which that case's halls would list as its own", async () => {
    const other = newCase(HCG)._id.slice(5);
    const filed = { ...material('B'), _id: `material:${other}:id-card:${randomUUID()}` };
    expect(await checkWrite(writer(HCG), prove(filed), undefined, context(held))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('id names its case'),
    });
  });

  it('makes a C upload B once a clerk of an office involved checked the original, and changes nothing else', async () => {
    const { _attachments, ...upload } = material('C', resident);
    void _attachments;
    const stub = {
      ...upload,
      _attachments: { file: { content_type: 'application/pdf', stub: true, length: bytes.byteLength } },
    };
    const on = heldAs(prove(stub));
    const checked = (by: { id: string; org: string }, extra: object = {}) =>
      next(prove({ ...stub, proof: undefined, author: by, level: 'B', checked: { by, at: now() }, ...extra }));
    expect(await checkWrite(writer(HCG), checked(clerk), on, context(held))).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), checked(resident), on, context(held))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('clerk'),
    });
    expect(await checkWrite(writer(HCG), checked(clerk, { name: '户口簿' }), on, context(held))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('name'),
    });
    const street = { id: `staff:${JS}`, org: JS };
    expect(
      await checkWrite(
        writer(JS),
        next(
          signer(JS).prove({
            ...stub,
            proof: undefined,
            author: street,
            level: 'B',
            checked: { by: street, at: now() },
          }),
        ),
        on,
        context(held),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not involved') });
    // A B scan never goes back to C.
    const { _attachments: _b, ...scan } = material('B');
    void _b;
    const bStub = { ...scan, _attachments: stub._attachments };
    expect(
      await checkWrite(
        writer(HCG),
        next(prove({ ...bStub, proof: undefined, level: 'C' })),
        heldAs(prove(bStub)),
        context(held),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('level') });
  });
});
