import { z } from 'zod';
import { caseEventSchema } from '../case.js';
import type { CaseState, CaseStatus } from '../case-state.js';
import { casePhase, type CasePhase } from './case-phase.js';
import { namedMaterials, type CaseNames } from './case-names.js';

const at = z.iso.datetime({ offset: true });
const name = z.string().max(100);
const named = z.array(z.object({ id: z.string().max(60), name: z.string().max(200) })).max(100);

/**
 * What is asked of the applicant now, with where: materials to add when the case was returned for
 * them (补正) or accepted without them (容缺), and how to collect the result once it is out.
 */
export const askedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('materials'), materials: named, note: z.string().max(500), where: name, since: at }),
  z.object({ kind: z.literal('make-up'), materials: named, by: at.optional(), where: name }),
  z.object({ kind: z.literal('pickup-window'), where: name }),
  z.object({ kind: z.literal('pickup-locker'), where: name, lockerCode: z.string().max(20) }),
  z.object({
    kind: z.literal('courier'),
    courier: z.string().max(40).optional(),
    tracking: z.string().max(60).optional(),
  }),
]);
export type Asked = z.infer<typeof askedSchema>;

/** One of a resident's own cases as the portal shows it, from the hall that holds it or from the hub. */
export const residentCaseSchema = z.object({
  id: z.string().max(100),
  queryCode: z.string().max(20),
  matterCode: z.string().max(50),
  matterName: name,
  channel: z.enum(['window', 'online']),
  status: z.custom<CaseStatus>((v) => typeof v === 'string' && v.length < 40),
  phase: z.custom<CasePhase>((v) => typeof v === 'string' && v.length < 40),
  scope: z.string().max(200),
  /** The hall that accepted it. */
  scopeName: name,
  /** The office responsible for it now. */
  holder: z.string().max(200),
  holderName: name,
  departmentName: name,
  /** An online application still in 预审 has been applied for, not accepted, and has no deadline yet. */
  appliedAt: at.optional(),
  acceptedAt: at.optional(),
  promisedBy: at.optional(),
  closedAt: at.optional(),
  result: z.string().max(500).optional(),
  reason: z.string().max(500).optional(),
  received: named,
  outstanding: named,
  /** The materials of the case's matter version by name, for its timeline (a hub older than this field sends none). */
  matterMaterials: named.default([]),
  makeUpBy: at.optional(),
  /** 告知承诺: what he committed to instead of a material, when he signed it, and when it is checked by. */
  commitments: z
    .array(z.object({ id: z.string().max(60), name: z.string().max(200), signedBy: name, signedAt: at }))
    .max(20)
    .default([]),
  checkBy: at.optional(),
  /** The check's finding once recorded: `false` voided the result. */
  commitmentCheck: z.object({ outcome: z.enum(['true', 'false']), note: z.string().max(500), at }).optional(),
  asked: z.array(askedSchema).max(5),
  pickedUpAt: at.optional(),
  noticesOptedOut: z.boolean(),
  events: z.array(caseEventSchema).max(2000),
});
export type ResidentCase = z.infer<typeof residentCaseSchema>;

/** What the applicant has to do now, in the order he meets it. */
function askedOf(state: CaseState, names: CaseNames): Asked[] {
  const asked: Asked[] = [];
  const w = state.waitingForApplicant;
  if (state.status === 'processing' && w) {
    // Returned down to the window that takes the materials in: the case's holder now.
    asked.push({
      kind: 'materials',
      materials: namedMaterials(names, state, w.materials),
      note: w.note,
      where: names.orgName(state.holder),
      since: w.since,
    });
  }
  if (state.status === 'processing' && state.outstanding.length) {
    asked.push({
      kind: 'make-up',
      materials: namedMaterials(names, state, state.outstanding),
      ...(state.makeUpBy ? { by: state.makeUpBy } : {}),
      where: names.orgName(state.scope),
    });
  }
  const d = state.delivery;
  if (d && !state.pickedUpAt) {
    if (d.method === 'window') asked.push({ kind: 'pickup-window', where: names.orgName(d.org) });
    if (d.method === 'locker' && d.lockerCode)
      asked.push({ kind: 'pickup-locker', where: names.orgName(d.org), lockerCode: d.lockerCode });
    if (d.method === 'courier')
      asked.push({
        kind: 'courier',
        ...(d.courier ? { courier: d.courier } : {}),
        ...(d.tracking ? { tracking: d.tracking } : {}),
      });
  }
  return asked;
}

/** A resident's own case for his portal: its progress, the responsible office and what is asked of him. */
export function residentCase(state: CaseState, names: CaseNames): ResidentCase {
  const flagged = new Set(state.flags.map((f) => f.eventId));
  return {
    id: state.id,
    queryCode: state.queryCode,
    matterCode: state.matterCode,
    matterName: state.matterName,
    channel: state.channel,
    status: state.status,
    phase: casePhase(state),
    scope: state.scope,
    scopeName: names.orgName(state.scope),
    holder: state.holder,
    holderName: names.orgName(state.holder),
    departmentName: names.orgName(state.department),
    ...(state.appliedAt ? { appliedAt: state.appliedAt } : {}),
    ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
    ...(state.promisedBy ? { promisedBy: state.promisedBy } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(state.result ? { result: state.result } : {}),
    ...(state.reason ? { reason: state.reason } : {}),
    received: namedMaterials(names, state, state.received),
    matterMaterials: names.materials(state),
    outstanding: namedMaterials(names, state, state.outstanding),
    ...(state.makeUpBy ? { makeUpBy: state.makeUpBy } : {}),
    commitments: state.commitments.map((c) => ({
      id: c.materialId,
      name: namedMaterials(names, state, [c.materialId])[0]?.name ?? c.materialId,
      signedBy: c.signedBy,
      signedAt: c.signedAt,
    })),
    ...(state.checkBy ? { checkBy: state.checkBy } : {}),
    ...(state.commitmentCheck
      ? {
          commitmentCheck: {
            outcome: state.commitmentCheck.outcome,
            note: state.commitmentCheck.note,
            at: state.commitmentCheck.at,
          },
        }
      : {}),
    asked: askedOf(state, names),
    ...(state.pickedUpAt ? { pickedUpAt: state.pickedUpAt } : {}),
    noticesOptedOut: state.noticesOptedOut,
    // What the fold left out (a bad signature, an office out of turn) is the supervisor's business, not the timeline's.
    events: state.events.filter((e) => !flagged.has(e.id)),
  };
}
