// The ids of the back office's pages: the inbox and a case as the office works it.
import { button, el, form, input, textarea } from './element-id.js';

/** Rendered by inbox-page.tsx. */
export const INBOX_PAGE = {
  tasksTile: el('tasks-tile'),
  tasksCard: el('tasks-card'),
  countTasks: el('count-tasks'),
  countHeld: el('count-held'),
  countLate: el('count-late'),
  inboxMsg: el('inbox-msg'),
  tasksTitle: el('tasks-title'),
  tasksBody: el('tasks-body'),
  tasksEmpty: el('tasks-empty'),
  heldTitle: el('held-title'),
  heldBody: el('held-body'),
  heldEmpty: el('held-empty'),
  coordinateCard: el('coordinate-card'),
  coordinateTitle: el('coordinate-title'),
  coordinateBody: el('coordinate-body'),
  officeName: el('office-name'),
} as const;

/** Rendered by commitments-page.tsx. */
export const COMMITMENTS_PAGE = {
  checkMsg: el('check-msg'),
  checkOffice: el('check-office'),
  checkTitle: el('check-title'),
  checkBody: el('check-body'),
  checkEmpty: el('check-empty'),
} as const;

/** Rendered by office-case-page.tsx. */
export const OFFICE_CASE_PAGE = {
  caseMsg: el('case-msg'),
  caseView: el('case-view'),
  caseTitle: el('case-title'),
  caseFacts: el('case-facts'),
  caseTimelineTitle: el('case-timeline-title'),
  caseTimeline: el('case-timeline'),
  decisionCard: el('decision-card'),
  decisionTitle: el('decision-title'),
  decisionStage: el('decision-stage'),
  decisionForm: form('decision-form'),
  decisionText: textarea('decision-text'),
  approveButton: button('approve-button'),
  declineButton: button('decline-button'),
  officeCompleteCard: el('office-complete-card'),
  officeCompleteTitle: el('office-complete-title'),
  officeCompleteForm: form('office-complete-form'),
  officeCompleteResult: input('office-complete-result'),
  officeCompleteButton: button('office-complete-button'),
} as const;
