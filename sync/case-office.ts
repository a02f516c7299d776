import type { CaseEvent, CaseEventKind } from './case.js';
import type { CaseState } from './case-state.js';
import { isWithin } from './org-path.js';

/** Why an event is not folded into its case: it shows on /status and to supervision instead. */
export type CaseFlagCode =
  | 'ERR_EVENT_SIGNATURE'
  | 'ERR_EVENT_SIGNER'
  | 'ERR_NOT_RESPONSIBLE'
  | 'ERR_NOT_A_PARTY'
  | 'ERR_NO_TASK'
  | 'ERR_CASE_CLOSED'
  | 'ERR_SECOND_ACCEPTANCE'
  | 'ERR_IN_REVIEW'
  | 'ERR_NOT_IN_REVIEW'
  | 'ERR_NOT_APPLICANT';

/** What each flag means, in Chinese first, for the status page and the supervision office. */
export const CASE_FLAG_TEXT: Record<CaseFlagCode, string> = {
  ERR_EVENT_SIGNATURE: '签名无效或签名节点未知 / signature invalid or signing node unknown',
  ERR_EVENT_SIGNER: '签名节点无权代表该经办人 / the signing node does not cover the acting office',
  ERR_NOT_RESPONSIBLE: '非当前责任单位的决定 / decided by an office not responsible for the case',
  ERR_NOT_A_PARTY: '非办件相关单位的操作 / acted by an office not involved in the case',
  ERR_NO_TASK: '该部门在此阶段没有待审批任务 / no pending task of that department',
  ERR_CASE_CLOSED: '办件已结束后的决定 / a decision after the case was closed',
  ERR_SECOND_ACCEPTANCE: '重复受理 / a second acceptance',
  ERR_IN_REVIEW: '网上申请尚在预审，未受理 / the online application is still in pre-review, not accepted',
  ERR_NOT_IN_REVIEW: '办件不在预审中 / the case is not in pre-review',
  ERR_NOT_APPLICANT: '非申请人本人的补充 / amended by someone other than the applicant',
};

type Who =
  | 'first'
  | 'first-or-reviewer'
  | 'reviewer'
  | 'applicant'
  | 'holder'
  | 'holder-or-scope'
  | 'scope'
  | 'party'
  | 'task';

/**
 * Who may write each kind of event (design §4: one responsible office). The office holding the
 * case decides it: forwards, returns, starts stages, extends, completes, refuses; forwarding
 * hands that over. A department decides only its own task of a started stage; the accepting hall
 * hands the result out (统一窗口出件) and marks missed make-up deadlines; any hall holding the case
 * may take in paper or record the applicant's wish for no courtesy SMS. An online application
 * (`applied`, by the resident through any hall) waits in 预审 at the hall that will handle it (its
 * scope), and only that hall's clerk reviews it: accepts it (the acceptance, and with it the
 * deadline), asks for more, or refuses it; only the resident who applied adds to it.
 */
export const EVENT_AUTHORITY: Record<CaseEventKind, Who> = {
  accepted: 'first-or-reviewer',
  applied: 'first',
  'amendment-requested': 'reviewer',
  refused: 'reviewer',
  amended: 'applicant',
  forwarded: 'holder',
  returned: 'holder',
  'stage-started': 'holder',
  extended: 'holder',
  completed: 'holder',
  rejected: 'holder',
  supplemented: 'holder',
  withdrawn: 'holder-or-scope',
  delivered: 'holder-or-scope',
  'picked-up': 'holder-or-scope',
  approved: 'task',
  declined: 'task',
  'make-up-overdue': 'scope',
  'material-received': 'party',
  'notices-opted-out': 'party',
  'commitment-checked': 'holder',
};

/** Kinds that still count once a case is closed: they record what happens to the result, or late paper. */
export const AFTER_CLOSE: ReadonlySet<CaseEventKind> = new Set([
  'material-received',
  'delivered',
  'picked-up',
  'notices-opted-out',
  // 告知承诺 核查 often falls after the result went out.
  'commitment-checked',
]);

/** Kinds an online application in 预审 admits: its review, the resident's additions and his wishes. */
export const IN_REVIEW: ReadonlySet<CaseEventKind> = new Set([
  'accepted',
  'amendment-requested',
  'amended',
  'refused',
  'withdrawn',
  'notices-opted-out',
]);

/**
 * Whether `event`'s acting office may write it on the case as folded so far; the flag code when
 * not. Pure, so the hub, the node's API and every node's fold apply the one rule.
 */
export function officeProblem(state: CaseState, event: CaseEvent): CaseFlagCode | undefined {
  const org = event.actor.org;
  if (state.closedAt !== undefined && !AFTER_CLOSE.has(event.kind)) return 'ERR_CASE_CLOSED';
  const inReview = state.status === 'pre-review';
  if (inReview && !IN_REVIEW.has(event.kind)) return 'ERR_IN_REVIEW';
  switch (EVENT_AUTHORITY[event.kind]) {
    case 'first':
      return 'ERR_SECOND_ACCEPTANCE';
    case 'first-or-reviewer':
      if (!inReview) return 'ERR_SECOND_ACCEPTANCE';
      return org === state.scope ? undefined : 'ERR_NOT_RESPONSIBLE';
    case 'reviewer':
      if (!inReview) return 'ERR_NOT_IN_REVIEW';
      return org === state.scope ? undefined : 'ERR_NOT_RESPONSIBLE';
    case 'applicant':
      if (!inReview) return 'ERR_NOT_IN_REVIEW';
      return event.actor.id === state.appliedBy?.id ? undefined : 'ERR_NOT_APPLICANT';
    case 'holder':
      return org === state.holder ? undefined : 'ERR_NOT_RESPONSIBLE';
    case 'holder-or-scope':
      return org === state.holder || org === state.scope ? undefined : 'ERR_NOT_RESPONSIBLE';
    case 'scope':
      return org === state.scope ? undefined : 'ERR_NOT_RESPONSIBLE';
    case 'party':
      // Any hall holding the case: an office involved, or one above it (where the applicant may also turn up).
      return state.parties.some((p) => isWithin(p, org)) ? undefined : 'ERR_NOT_A_PARTY';
    case 'task': {
      if (event.kind !== 'approved' && event.kind !== 'declined') return 'ERR_NO_TASK';
      const task = state.stages
        .find((s) => s.stage === event.stage)
        ?.tasks.find((t) => t.department === event.department);
      return event.department === org && task?.status === 'pending' ? undefined : 'ERR_NO_TASK';
    }
  }
}
