import { describe, expect, it } from 'vitest';
import type { Matter } from '../matter.js';
import { renderNotice } from '../notice-templates.js';
import { actor, context, HCG, M1, newCase, now, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';

// M1 with the materials a 容缺 acceptance can owe, so the rule names them as the outbox does.
const MATTER = {
  ...M1,
  materials: [
    { id: 'm1', name: '家庭成员收入证明' },
    { id: 'm2', name: '户口簿' },
  ],
} as unknown as Matter;
const MAKE_UP_BY = '2026-12-10T23:59:59+08:00';

describe('the write rule for a 容缺 acceptance notice', () => {
  const kase = newCase(HCG, HCG, { missing: ['m1', 'm2'], makeUpBy: MAKE_UP_BY });
  const accepted = kase.events[0] as { id: string; promisedBy: string };
  const base = { queryCode: kase.queryCode, matter: kase.matterName, promisedBy: accepted.promisedBy.slice(0, 10) };
  const owed = { materials: '家庭成员收入证明等2项', makeUpBy: '2026-12-10' };
  const check = (template: string, params: Record<string, string>, doc = kase) =>
    checkWrite(
      writer(HCG),
      signer(HCG).prove({
        _id: `notice:${doc._id.slice(5)}:${doc.events[0]!.id}`,
        type: 'notice',
        scope: HCG,
        parties: [HCG],
        author: actor(HCG),
        at: now(),
        caseId: doc._id.slice(5),
        template,
        phone: doc.applicant.phone,
        params,
        text: renderNotice(template, params, `hall ${HCG}`)!,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now(),
      }),
      undefined,
      context(new Map([[doc._id, doc]]), [MATTER]),
    );

  it('admits the acceptance naming what is owed and by when, exactly as the case has it', async () => {
    expect(await check('case.accepted-make-up', { ...base, ...owed })).toEqual({ ok: true });
    expect(renderNotice('case.accepted-make-up', { ...base, ...owed }, '皇城根社区服务站')).toContain(
      '请于2026-12-10前补交容缺材料：家庭成员收入证明等2项。',
    );
  });

  it('refuses other materials, another date, or a missing parameter', async () => {
    expect(await check('case.accepted-make-up', { ...base, ...owed, materials: '户口簿' })).toMatchObject({
      ok: false,
      reason: 'parameter materials is not what the case says',
    });
    expect(await check('case.accepted-make-up', { ...base, ...owed, makeUpBy: '2099-12-31' })).toMatchObject({
      ok: false,
      reason: 'parameter makeUpBy is not what the case says',
    });
    expect(await check('case.accepted-make-up', { ...base, materials: owed.materials })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('has the parameters'),
    });
  });

  it('keeps the plain acceptance notice valid for it, and refuses the 容缺 one for a case that owes nothing', async () => {
    expect(await check('case.accepted', base)).toEqual({ ok: true });
    const whole = newCase(HCG);
    const wholeBase = {
      ...base,
      queryCode: whole.queryCode,
      promisedBy: (whole.events[0] as { promisedBy: string }).promisedBy.slice(0, 10),
    };
    expect(await check('case.accepted-make-up', { ...wholeBase, ...owed }, whole)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is a case.accepted, not case.accepted-make-up'),
    });
  });
});
