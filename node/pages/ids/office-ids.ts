// The ids of the back office's pages: the inbox and a case as the office works it.
import { button, el, form, input, select, textarea } from './element-id.js';

/** Rendered by inbox-page.tsx. */
export const INBOX_PAGE = {
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
  returnCard: el('return-card'),
  returnTitle: el('return-title'),
  returnForm: form('return-form'),
  returnTo: select('return-to'),
  returnMaterials: el('return-materials'),
  returnNote: textarea('return-note'),
  returnButton: button('return-button'),
  extendCard: el('extend-card'),
  extendTitle: el('extend-title'),
  extendForm: form('extend-form'),
  extendDays: input('extend-days'),
  extendReason: input('extend-reason'),
  extendButton: button('extend-button'),
  officeCompleteCard: el('office-complete-card'),
  officeCompleteTitle: el('office-complete-title'),
  officeCompleteForm: form('office-complete-form'),
  officeCompleteResult: input('office-complete-result'),
  officeCompleteButton: button('office-complete-button'),
  /** A material's checkbox in the return form (office-case.ts makes them). */
  returnMaterial: (id: string) => input(`ret-${id}`),
} as const;
