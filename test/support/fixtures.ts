import { randomUUID } from 'node:crypto';
import type { Applicant, CaseDoc, CaseEvent } from '../../sync/index.js';

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
    events: [{ id: randomUUID(), at, actor, kind: 'accepted', channel: 'window', received: [], missing: [], promisedBy: '2026-11-09T23:59:59+08:00' }],
  };
}

/** An event of `kind` at `at` by a clerk of `org`. */
export function event(kind: 'completed' | 'material-received', org: string, at: string): CaseEvent {
  const actor = { id: `staff:${org}`, org };
  return kind === 'completed'
    ? { id: randomUUID(), at, actor, kind }
    : { id: randomUUID(), at, actor, kind, materialId: 'm1' };
}
