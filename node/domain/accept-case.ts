import { randomUUID } from 'node:crypto';
import {
  HallnetError,
  caseDocId,
  idNumberProblem,
  makeUpWorkingDays,
  type Actor,
  type Applicant,
  type Level,
  type LibraryUse,
  type Matter,
  type UnsignedCaseDoc,
  type UnsignedCaseEvent,
} from '../../sync/index.js';
import { acceptsHere } from './accepts-here.js';
import { completion } from './case-actions.js';
import { makeQueryCode } from './query-code.js';
import { takeCommitments } from './take-commitments.js';
import type { WorkCalendar } from './working-days.js';

export interface AcceptInput {
  matterCode: string;
  applicant: Applicant;
  /** Ids of the materials the clerk has checked as handed in. */
  received: string[];
  channel: 'window' | 'online';
  /** Materials taken from the applicant's library instead of paper (免提交), already verified by the caller. */
  library?: LibraryUse[] | undefined;
  /** Materials the applicant stands for by his signed 告知承诺书 (level D), as the clerk records it. */
  commitments?: string[] | undefined;
}

export interface AcceptContext {
  matter: Matter | undefined;
  org: string;
  level: Level;
  actor: Actor;
  now: Date;
  calendar: WorkCalendar;
}

/**
 * Decides whether a case may be accepted here and builds its document: the matter must be
 * handled at this level, every required material present, and a missing secondary material
 * allowed only where the matter permits 容缺受理. A 即办件 with everything present is completed
 * in the same write, so a power cut can never leave it half done. The node signs its events as it stores it.
 */
export function acceptCase(input: AcceptInput, ctx: AcceptContext): UnsignedCaseDoc {
  const { matter } = ctx;
  if (!matter)
    throw new HallnetError('ERR_MATTER_UNKNOWN', `no matter ${input.matterCode}`, {
      issues: [{ field: 'matterCode', reason: 'unknown matter / 事项不存在' }],
    });
  if (!matter.levels.includes(ctx.level)) {
    throw new HallnetError(
      'ERR_MATTER_LEVEL',
      `${matter.name} is handled at levels ${matter.levels.join(',')}, not ${ctx.level}`,
      {
        issues: [{ field: 'matterCode', reason: `not handled at level ${ctx.level} / 本级不办理该事项` }],
      },
    );
  }
  if (!acceptsHere(matter, ctx.org, ctx.level)) {
    throw new HallnetError('ERR_MATTER_LEVEL', `${matter.name} is ${matter.department}'s matter, not ${ctx.org}'s`, {
      issues: [{ field: 'matterCode', reason: `not a matter of this department / 非本部门事项，请到综合窗口办理` }],
    });
  }
  checkApplicant(input.applicant, matter);
  const known = new Set(matter.materials.map((m) => m.id));
  const library = input.library ?? [];
  const unknown = [...input.received, ...library.map((u) => u.materialId)].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new HallnetError('ERR_VALIDATION', `unknown materials: ${unknown.join(', ')}`, {
      issues: unknown.map((id) => ({
        field: 'received',
        reason: `${id} is not a material of this matter / 非本事项材料`,
      })),
    });
  }
  const at = ctx.now.toISOString();
  const commitments = takeCommitments(
    matter,
    input.commitments ?? [],
    input.applicant.name,
    at,
    (id) => `commitments.${id}`,
  );
  const received = [
    ...new Set([...input.received, ...library.map((u) => u.materialId), ...commitments.map((c) => c.materialId)]),
  ];
  const missing = matter.materials.filter((m) => m.necessity !== 'optional' && !received.includes(m.id));
  const missingRequired = missing.filter((m) => m.necessity === 'required' || !matter.allowsMakeUp);
  if (missingRequired.length) {
    throw new HallnetError('ERR_CASE_MATERIAL_MISSING', `missing: ${missingRequired.map((m) => m.id).join(', ')}`, {
      issues: missingRequired.map((m) => ({
        field: 'received',
        reason: `missing ${m.id} (${m.name}) / 缺少${m.name}`,
      })),
      detail: { missing: missingRequired.map((m) => ({ id: m.id, name: m.name, necessity: m.necessity })) },
    });
  }
  const accepted: UnsignedCaseEvent = {
    id: randomUUID(),
    at,
    actor: ctx.actor,
    kind: 'accepted',
    channel: input.channel,
    received,
    missing: missing.map((m) => m.id),
    promisedBy: ctx.calendar.deadline(ctx.now, matter.promisedDays),
    ...(missing.length ? { makeUpBy: ctx.calendar.deadline(ctx.now, makeUpWorkingDays(matter)) } : {}),
    ...(library.length ? { library } : {}),
    ...(commitments.length ? { commitments } : {}),
    ...(commitments.length && matter.commitmentCheckDays
      ? { checkBy: ctx.calendar.deadline(ctx.now, matter.commitmentCheckDays) }
      : {}),
  };
  const events: UnsignedCaseEvent[] = [accepted];
  if (matter.instant && missing.length === 0) {
    events.push(completion({ id: randomUUID(), at, actor: ctx.actor }, matter, ctx.now, '即办件当场办结'));
  }
  return {
    _id: caseDocId(randomUUID()),
    type: 'case',
    scope: ctx.org,
    parties: [ctx.org],
    author: ctx.actor,
    at,
    matterCode: matter.code,
    matterName: matter.name,
    matterVersion: matter.version,
    department: matter.department,
    queryCode: makeQueryCode(),
    applicant: input.applicant,
    events,
  };
}

function checkApplicant(applicant: Applicant, matter: Matter): void {
  if (!matter.serves.includes(applicant.kind)) {
    throw new HallnetError('ERR_VALIDATION', `${matter.name} serves ${matter.serves.join(', ')}`, {
      issues: [{ field: 'applicant.kind', reason: `this matter serves ${matter.serves.join('/')} / 办理对象不符` }],
    });
  }
  const problem = idNumberProblem(applicant.idType, applicant.idNumber);
  if (problem) {
    throw new HallnetError('ERR_VALIDATION', `applicant.idNumber: ${problem}`, {
      issues: [{ field: 'applicant.idNumber', reason: `${problem} / 证件号码无效` }],
    });
  }
}
