import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { APPLICANT, caseDoc, OTHER_APPLICANT, UNSIGNED } from '../../test/support/fixtures.js';
import type { CaseDoc, CaseEvent } from '../case.js';
import { foldCase } from '../case-state.js';
import type { CaseNames } from './case-names.js';
import { residentCase, residentCaseSchema } from './resident-case.js';
import { residentOwnsCase } from './resident-owns-case.js';
import { trackedCase, trackedCaseSchema } from './tracked-case.js';

const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
const STREET = 'dongcheng/jingshan';
const NAMES: CaseNames = {
  orgName: (p) => ({ [COMMUNITY]: '皇城根社区服务站', [STREET]: '景山街道' })[p] ?? p,
  materialName: (_m, id) => ({ 'income-proof': '家庭成员收入证明' })[id],
  materials: () => [{ id: 'income-proof', name: '家庭成员收入证明' }],
  licenceName: () => undefined,
};
const clerk = (org: string) => ({ id: 'staff:wang', name: '王窗口', org });
const withEvents = (doc: CaseDoc, ...events: Record<string, unknown>[]): CaseDoc => ({
  ...doc,
  parties: [COMMUNITY, STREET],
  events: [...doc.events, ...events.map((e) => ({ id: randomUUID(), ...UNSIGNED, ...e }) as CaseEvent)],
});

/** A community's case forwarded to its street and sent back for a material. */
function returnedCase(): CaseDoc {
  return withEvents(
    caseDoc(COMMUNITY),
    { kind: 'forwarded', at: '2026-11-02T03:00:00.000Z', actor: clerk(COMMUNITY), to: STREET, note: '请街道审核' },
    {
      kind: 'returned',
      at: '2026-11-03T03:00:00.000Z',
      actor: clerk(STREET),
      to: COMMUNITY,
      note: '收入证明须加盖单位公章。',
      materials: ['income-proof'],
    },
  );
}

describe('trackedCase', () => {
  it("a department's 不予通过 ends the case as 审批不通过, naming that department (its reason is not public)", () => {
    const ECOLOGY = 'dongcheng/ecology';
    const names = { orgName: (p: string) => (p === ECOLOGY ? '生态环境局' : NAMES.orgName(p)) };
    const doc = withEvents(
      caseDoc(COMMUNITY),
      {
        kind: 'stage-started',
        at: '2026-11-02T03:00:00.000Z',
        actor: clerk(COMMUNITY),
        stage: 0,
        name: '联合审查',
        departments: [ECOLOGY],
      },
      {
        kind: 'declined',
        at: '2026-11-03T03:00:00.000Z',
        actor: clerk(ECOLOGY),
        stage: 0,
        department: ECOLOGY,
        reason: '选址位于水源保护区。',
      },
    );
    const t = trackedCase(foldCase(doc), names);
    expect(trackedCaseSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({
      status: 'rejected',
      phase: 'declined',
      declinedBy: { office: '生态环境局' },
    });
    expect(JSON.stringify(t)).not.toContain('水源保护区');
    expect(residentCase(foldCase(doc), NAMES).phase).toBe('declined');
    // A window's 退件 stays 不予受理/退件, with no department named.
    const rejected = trackedCase(
      foldCase(
        withEvents(caseDoc(COMMUNITY), {
          kind: 'rejected',
          at: '2026-11-02T03:00:00.000Z',
          actor: clerk(COMMUNITY),
          reason: '材料不齐',
        }),
      ),
      NAMES,
    );
    expect(rejected.phase).toBe('rejected');
    expect(rejected.declinedBy).toBeUndefined();
  });

  it('shows the steps with office names and the phase 退回补正, nothing personal and no detail of an event', () => {
    const t = trackedCase(foldCase(returnedCase()), NAMES);
    expect(trackedCaseSchema.parse(t)).toEqual(t);
    expect(t).toMatchObject({
      status: 'processing',
      phase: 'returned',
      acceptedAtName: '皇城根社区服务站',
      holderName: '皇城根社区服务站',
    });
    expect(t.steps.map((s) => [s.kind, s.office, s.to])).toEqual([
      ['accepted', '皇城根社区服务站', undefined],
      ['forwarded', '皇城根社区服务站', '景山街道'],
      ['returned', '景山街道', '皇城根社区服务站'],
    ]);
    const text = JSON.stringify(t);
    for (const secret of [
      APPLICANT.name,
      APPLICANT.idNumber,
      APPLICANT.phone,
      '王窗口',
      'staff:wang',
      '公章',
      'income-proof',
      '请街道审核',
    ])
      expect(text).not.toContain(secret);
  });

  it('tells how the result went out but never the locker code', () => {
    const doc = withEvents(
      caseDoc(COMMUNITY),
      { kind: 'completed', at: '2026-11-04T02:00:00.000Z', actor: clerk(COMMUNITY) },
      {
        kind: 'delivered',
        at: '2026-11-04T03:00:00.000Z',
        actor: clerk(COMMUNITY),
        method: 'locker',
        lockerCode: '845120',
      },
    );
    const t = trackedCase(foldCase(doc), NAMES);
    expect(t.steps.at(-1)).toEqual({
      kind: 'delivered',
      at: '2026-11-04T03:00:00.000Z',
      office: '皇城根社区服务站',
      method: 'locker',
    });
    expect(JSON.stringify(t)).not.toContain('845120');
  });
});

describe('residentCase', () => {
  it('asks for the returned materials by name at the window they go to', () => {
    const r = residentCase(foldCase(returnedCase()), NAMES);
    expect(residentCaseSchema.parse(r)).toEqual(r);
    expect(r.phase).toBe('returned');
    expect(r.holderName).toBe('皇城根社区服务站');
    expect(r.asked).toEqual([
      {
        kind: 'materials',
        materials: [{ id: 'income-proof', name: '家庭成员收入证明' }],
        note: '收入证明须加盖单位公章。',
        where: '皇城根社区服务站',
        since: '2026-11-03T03:00:00.000Z',
      },
    ]);
  });

  it('gives the locker and its code once the result is in it, and nothing once it is picked up', () => {
    const doc = withEvents(
      caseDoc(COMMUNITY),
      { kind: 'completed', at: '2026-11-04T02:00:00.000Z', actor: clerk(COMMUNITY) },
      {
        kind: 'delivered',
        at: '2026-11-04T03:00:00.000Z',
        actor: clerk(COMMUNITY),
        method: 'locker',
        lockerCode: '845120',
      },
    );
    expect(residentCase(foldCase(doc), NAMES).asked).toEqual([
      { kind: 'pickup-locker', where: '皇城根社区服务站', lockerCode: '845120' },
    ]);
    const picked = withEvents(doc, { kind: 'picked-up', at: '2026-11-04T05:00:00.000Z', actor: clerk(COMMUNITY) });
    expect(residentCase(foldCase(picked), NAMES).asked).toEqual([]);
  });
});

describe('residentOwnsCase', () => {
  const accepted = foldCase(caseDoc(COMMUNITY));
  const own = { id: 'r1', idNumber: APPLICANT.idNumber, verified: true };

  it("is his by verified ID number, never another's", () => {
    expect(residentOwnsCase(accepted, own)).toBe(true);
    expect(residentOwnsCase(accepted, { ...own, idNumber: OTHER_APPLICANT.idNumber })).toBe(false);
  });

  it('before verification, only what he submitted himself', () => {
    expect(residentOwnsCase(accepted, { ...own, verified: false })).toBe(false);
    const online = { ...accepted, acceptedBy: { id: 'resident:r1', org: COMMUNITY } };
    expect(residentOwnsCase(online, { ...own, verified: false })).toBe(true);
  });
});
