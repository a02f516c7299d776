import { randomUUID } from 'node:crypto';
import {
  HallnetError,
  caseDocId,
  levelOfPath,
  selfAndAncestors,
  type Actor,
  type Applicant,
  type LibraryUse,
  type Matter,
  type UnsignedCaseDoc,
} from '../../sync/index.js';
import { makeQueryCode } from './query-code.js';
import { takeCommitments } from './take-commitments.js';

export interface ApplyInput {
  matter: Matter | undefined;
  applicant: Applicant;
  /** Materials the resident uploaded with the application (level C). */
  uploaded: string[];
  /** Materials taken from his library instead of paper (免提交), already verified. */
  library: LibraryUse[];
  /** Where the case is placed: the hall that will handle it. */
  scope: string;
  /** Materials the resident stands for by ticking the 告知承诺书 (level D), recorded in his name now. */
  commitments?: string[] | undefined;
}

/**
 * 网上申请 (GB/T 39047): builds an online application as the first event of its case, made by
 * the resident through this node. It is not accepted: it waits in 预审 at the hall that will
 * handle it, and no deadline runs until that hall's clerk accepts it. Every required material must
 * come with it (uploaded, or from the resident's library); secondary ones may follow, as the
 * clerk decides at acceptance.
 */
export function applyOnline(input: ApplyInput, actor: Actor, now: Date): UnsignedCaseDoc {
  const { matter } = input;
  if (!matter)
    throw new HallnetError('ERR_MATTER_UNKNOWN', 'no such matter', {
      issues: [{ field: 'matterCode', reason: 'unknown matter / 事项不存在' }],
    });
  if (!matter.online)
    throw new HallnetError('ERR_MATTER_NOT_ONLINE', matter.name, {
      issues: [{ field: 'matterCode', reason: 'not available online / 不能网上办理' }],
    });
  if (!matter.serves.includes(input.applicant.kind))
    throw new HallnetError('ERR_VALIDATION', `${matter.name} serves ${matter.serves.join(', ')}`, {
      issues: [{ field: 'matterCode', reason: 'this matter is not for persons / 办理对象不符' }],
    });
  if (!handlesOnline(matter, input.scope))
    throw new HallnetError('ERR_MATTER_LEVEL', `${input.scope} does not handle ${matter.name}`, {
      issues: [{ field: 'org', reason: 'this hall does not handle the matter / 该机构不办理此事项' }],
    });
  const at = now.toISOString();
  const commitments = takeCommitments(
    matter,
    input.commitments ?? [],
    input.applicant.name,
    at,
    (id) => `commitment.${id}`,
  );
  const known = new Set(matter.materials.map((m) => m.id));
  const given = [...input.uploaded, ...input.library.map((u) => u.materialId), ...commitments.map((c) => c.materialId)];
  const unknown = given.filter((id) => !known.has(id));
  if (unknown.length)
    throw new HallnetError('ERR_VALIDATION', `unknown materials: ${unknown.join(', ')}`, {
      issues: unknown.map((id) => ({
        field: `files.${id}`,
        reason: `${id} is not a material of this matter / 非本事项材料`,
      })),
    });
  const missing = matter.materials.filter((m) => m.necessity === 'required' && !given.includes(m.id));
  if (missing.length) {
    throw new HallnetError('ERR_CASE_MATERIAL_MISSING', `missing: ${missing.map((m) => m.id).join(', ')}`, {
      issues: missing.map((m) => ({ field: `files.${m.id}`, reason: `missing ${m.id} (${m.name}) / 请上传${m.name}` })),
      detail: { missing: missing.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity })) },
    });
  }
  return {
    _id: caseDocId(randomUUID()),
    type: 'case',
    scope: input.scope,
    parties: [...new Set([input.scope, actor.org])],
    author: actor,
    at,
    matterCode: matter.code,
    matterName: matter.name,
    // The case keeps the version it was applied under, as an accepted case keeps its own.
    matterVersion: matter.version,
    department: matter.department,
    queryCode: makeQueryCode(),
    applicant: input.applicant,
    events: [
      {
        id: randomUUID(),
        at,
        actor,
        kind: 'applied',
        received: [...new Set(input.uploaded)],
        library: input.library,
        ...(commitments.length ? { commitments } : {}),
      },
    ],
  };
}

/** Whether `org` takes online applications for `matter`: a hall at one of its levels, or its department. */
export function handlesOnline(matter: Pick<Matter, 'department' | 'levels'>, org: string): boolean {
  const level = levelOfPath(org);
  return (
    org === matter.department || (level !== undefined && matter.levels.includes(level) && org.split('/')[1] !== 'dept')
  );
}

/**
 * Where an online application goes when the resident does not choose: the nearest hall at or above
 * the one he applies through that handles the matter at its level, else the matter's department.
 */
export function defaultPlacement(matter: Pick<Matter, 'department' | 'levels'>, through: string): string {
  return selfAndAncestors(through).find((org) => handlesOnline(matter, org)) ?? matter.department;
}
