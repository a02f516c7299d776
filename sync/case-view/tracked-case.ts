import { z } from 'zod';
import type { CaseEventKind } from '../case.js';
import type { CaseState, CaseStatus } from '../case-state.js';
import type { CasePhase } from './case-phase.js';
import { casePhase, declinedTask } from './case-phase.js';
import type { CaseNames } from './case-names.js';

/**
 * The steps public tracking shows: what happened, when and at which office. Left out: a resident's
 * own wish for no SMS, and every detail an event carries besides the office (notes, reasons, material
 * names, the locker code, the courier's tracking number, who acted): a query code is not a login,
 * and a reason may name the applicant. He reads a department's reason in his own case, logged in.
 */
const PUBLIC_STEPS: ReadonlySet<CaseEventKind> = new Set<CaseEventKind>([
  'accepted',
  'material-received',
  'forwarded',
  'returned',
  'supplemented',
  'stage-started',
  'approved',
  'declined',
  'extended',
  'make-up-overdue',
  'completed',
  'rejected',
  'withdrawn',
  'delivered',
  'picked-up',
]);

// Statuses and kinds are the fold's own; checked as strings so a kind added later still passes through.
const status = z.custom<CaseStatus>((v) => typeof v === 'string' && v.length < 40);
const phase = z.custom<CasePhase>((v) => typeof v === 'string' && v.length < 40);
const kind = z.custom<CaseEventKind>((v) => typeof v === 'string' && v.length < 40);
const at = z.iso.datetime({ offset: true });

/** One public step of a case. */
export const trackedStepSchema = z.object({
  kind,
  at,
  /** The office that took the step, by name. */
  office: z.string().max(100),
  /** Where a forward or a return sent the case, by name. */
  to: z.string().max(100).optional(),
  /** How the result went out: window, locker or courier. */
  method: z.enum(['window', 'locker', 'courier']).optional(),
});

/** What public tracking (办件查询) answers for a query code: status and public steps, nothing personal. */
export const trackedCaseSchema = z.object({
  queryCode: z.string().max(20),
  matterName: z.string().max(100),
  /** An online application still in 预审 has been applied for, not accepted, and has no deadline yet. */
  appliedAt: at.optional(),
  acceptedAt: at.optional(),
  acceptedAtName: z.string().max(100),
  /** The office responsible for the case now (its holder), by name. */
  holderName: z.string().max(100),
  promisedBy: at.optional(),
  status,
  phase,
  /** Secondary materials still to be made up (容缺): a count, never their names. */
  outstandingMaterials: z.number().int().min(0),
  makeUpBy: at.optional(),
  closedAt: at.optional(),
  /** Ended by a department's 不予通过 (phase `declined`): that department, by name. */
  declinedBy: z.object({ office: z.string().max(100) }).optional(),
  steps: z.array(trackedStepSchema).max(2000),
});
export type TrackedCase = z.infer<typeof trackedCaseSchema>;

/** A case as public tracking shows it, at a node or at the hub alike. */
export function trackedCase(state: CaseState, names: Pick<CaseNames, 'orgName'>): TrackedCase {
  const steps = state.events
    .filter((e) => PUBLIC_STEPS.has(e.kind) && !state.flags.some((f) => f.eventId === e.id))
    .map((e) => ({
      kind: e.kind,
      at: e.at,
      office: names.orgName(e.actor.org),
      ...(e.kind === 'forwarded' || e.kind === 'returned' ? { to: names.orgName(e.to) } : {}),
      ...(e.kind === 'delivered' ? { method: e.method } : {}),
    }));
  const declined = state.status === 'rejected' ? declinedTask(state) : undefined;
  return {
    queryCode: state.queryCode,
    matterName: state.matterName,
    ...(state.appliedAt ? { appliedAt: state.appliedAt } : {}),
    ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
    acceptedAtName: names.orgName(state.scope),
    holderName: names.orgName(state.holder),
    ...(state.promisedBy ? { promisedBy: state.promisedBy } : {}),
    status: state.status,
    phase: casePhase(state),
    outstandingMaterials: state.outstanding.length,
    ...(state.makeUpBy ? { makeUpBy: state.makeUpBy } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    ...(declined ? { declinedBy: { office: names.orgName(declined.department) } } : {}),
    steps,
  };
}
