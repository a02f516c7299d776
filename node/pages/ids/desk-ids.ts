// The ids of the window's pages: acceptance, cases, the case page and its cards, the notice, the
// node's status, the guide and public tracking.
import { anchor, button, el, fieldset, form, input, select, textarea } from './element-id.js';

/** Rendered by window-page.tsx. */
export const WINDOW_PAGE = {
  wMatter: el('w-matter'),
  matterSearch: form('matter-search'),
  matterQ: input('matter-q'),
  matterCount: el('matter-count'),
  matterResults: el('matter-results'),
  matterChosen: el('matter-chosen'),
  matterName: el('matter-name'),
  matterFacts: el('matter-facts'),
  matterGuide: anchor('matter-guide'),
  wAccept: el('w-accept'),
  acceptForm: form('accept-form'),
  apKind: select('ap-kind'),
  apIdtype: select('ap-idtype'),
  apIdnumber: input('ap-idnumber'),
  prefill: button('prefill'),
  prefillMsg: el('prefill-msg'),
  apName: input('ap-name'),
  apPhone: input('ap-phone'),
  apContact: input('ap-contact'),
  materialsBox: fieldset('materials-box'),
  checklistEmpty: el('checklist-empty'),
  checklist: el('checklist'),
  checklistSummary: el('checklist-summary'),
  acceptMsg: el('accept-msg'),
  acceptButton: button('accept-button'),
  /** A material's checkbox in the checklist (window.ts makes them). */
  material: (id: string) => input(`mat-${id}`),
  /** Beside a material the matter allows it for: the applicant signed the 告知承诺书 instead (window.ts makes them). */
  commitment: (id: string) => input(`commit-${id}`),
} as const;

/** Rendered by case-list-page.tsx. */
export const CASE_LIST_PAGE = {
  counters: el('counters'),
  caseFilter: form('case-filter'),
  fQ: input('f-q'),
  fStatus: select('f-status'),
  fLight: select('f-light'),
  fMatter: select('f-matter'),
  casesMsg: el('cases-msg'),
  casesTitle: el('cases-title'),
  casesBody: el('cases-body'),
  pagePrev: button('page-prev'),
  pageInfo: el('page-info'),
  pageNext: button('page-next'),
} as const;

/** Rendered by case-page.tsx. */
export const CASE_PAGE = {
  caseMsg: el('case-msg'),
  caseView: el('case-view'),
  caseTitle: el('case-title'),
  caseFacts: el('case-facts'),
  caseNotice: anchor('case-notice'),
  caseActions: el('case-actions'),
  makeupCard: el('makeup-card'),
  makeupTitle: el('makeup-title'),
  makeupDue: el('makeup-due'),
  makeupList: el('makeup-list'),
  completeCard: el('complete-card'),
  completeTitle: el('complete-title'),
  completeForm: form('complete-form'),
  completeResult: input('complete-result'),
  caseTimelineTitle: el('case-timeline-title'),
  caseTimeline: el('case-timeline'),
  /** The rating offer card, made by rating-offer.ts once the case is completed. */
  ratingOfferCard: el('rating-offer-card'),
  ratingOfferTitle: el('rating-offer-title'),
  ratingOfferBody: el('rating-offer-body'),
  ratingOfferMsg: el('rating-offer-msg'),
  ratingOfferButton: button('rating-offer-button'),
} as const;

/** Rendered by case-flow-cards.tsx. */
export const CASE_FLOW_CARDS = {
  stagesCard: el('stages-card'),
  stagesTitle: el('stages-title'),
  holderLine: el('holder-line'),
  stagesView: el('stages-view'),
  stageStartBox: el('stage-start-box'),
  stageNext: el('stage-next'),
  stageStart: button('stage-start'),
  forwardCard: el('forward-card'),
  forwardTitle: el('forward-title'),
  forwardForm: form('forward-form'),
  forwardTo: select('forward-to'),
  forwardNote: textarea('forward-note'),
  forwardButton: button('forward-button'),
  supplementCard: el('supplement-card'),
  supplementTitle: el('supplement-title'),
  supplementNote: el('supplement-note'),
  supplementList: el('supplement-list'),
  supplementButton: button('supplement-button'),
  deliveryCard: el('delivery-card'),
  deliveryTitle: el('delivery-title'),
  deliveryForm: form('delivery-form'),
  courierFields: el('courier-fields'),
  courierName: input('courier-name'),
  courierTracking: input('courier-tracking'),
  deliveryButton: button('delivery-button'),
  deliveryDone: el('delivery-done'),
  deliveryFacts: el('delivery-facts'),
  lockerCodeBox: el('locker-code-box'),
  lockerCode: el('locker-code'),
  pickedUpButton: button('picked-up-button'),
  deliveryPrint: button('delivery-print'),
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
  closeCard: el('close-card'),
  closeTitle: el('close-title'),
  closeForm: form('close-form'),
  closeReason: textarea('close-reason'),
  rejectButton: button('reject-button'),
  withdrawButton: button('withdraw-button'),
  whyCard: el('why-card'),
  whyTitle: el('why-title'),
  whyList: el('why-list'),
  /** A material's checkbox in the make-up list (case-flow.ts makes them). */
  supplied: (id: string) => input(`sup-${id}`),
  /** A material's checkbox in the return form (case-decisions.ts makes them). */
  returnMaterial: (id: string) => input(`ret-${id}`),
} as const;

/** Rendered by notice-page.tsx. */
export const NOTICE_PAGE = {
  noticeMsg: el('notice-msg'),
  printNotice: button('print-notice'),
  noticeCaseLink: anchor('notice-case-link'),
  notice: el('notice'),
  noticeTitle: el('notice-title'),
  noticeNo: el('notice-no'),
  noticeApplicant: el('notice-applicant'),
  noticeBody: el('notice-body'),
  noticeCode: el('notice-code'),
  noticeTable: el('notice-table'),
  noticeMakeup: el('notice-makeup'),
  noticeOrg: el('notice-org'),
  noticeDate: el('notice-date'),
} as const;

/** Rendered by status-page.tsx. */
export const STATUS_PAGE = {
  statusMsg: el('status-msg'),
  stConnection: el('st-connection'),
  stConnectionDetail: el('st-connection-detail'),
  stWaiting: el('st-waiting'),
  stRefused: el('st-refused'),
  stCases: el('st-cases'),
  stMatters: el('st-matters'),
  stSyncTitle: el('st-sync-title'),
  stSync: el('st-sync'),
  stCertTitle: el('st-cert-title'),
  stCert: el('st-cert'),
  stCertTechnical: el('st-cert-technical'),
  stRefusedTitle: el('st-refused-title'),
  stRefusedBody: el('st-refused-body'),
  stIntegrity: el('st-integrity'),
  stIntegrityTitle: el('st-integrity-title'),
  stIntegrityBody: el('st-integrity-body'),
} as const;

/** Rendered by guide-list-page.tsx. */
export const GUIDE_LIST_PAGE = {
  guideQ: input('guide-q'),
  guideDepartment: select('guide-department'),
  guideCategory: select('guide-category'),
  guideResults: el('guide-results'),
} as const;

/** Rendered by guide-page.tsx. */
export const GUIDE_PAGE = {
  gBasics: el('g-basics'),
  gWhere: el('g-where'),
  gConditions: el('g-conditions'),
  gMaterials: el('g-materials'),
  gProcedure: el('g-procedure'),
  gFees: el('g-fees'),
  gBasis: el('g-basis'),
} as const;

/** Rendered by track-page.tsx. */
export const TRACK_PAGE = {
  trackForm: form('track-form'),
  trackCode: input('track-code'),
  trackMsg: el('track-msg'),
  trackOffline: el('track-offline'),
  trackResult: el('track-result'),
  trackTitle: el('track-title'),
  trackFacts: el('track-facts'),
  trackSteps: el('track-steps'),
} as const;
