// The ids of the resident's pages on a phone: the portal, his case, online application, the SMS rating link.
import { anchor, button, el, fieldset, form, input, select } from './element-id.js';

/** Rendered by portal-page.tsx. */
export const PORTAL_PAGE = {
  residentAuth: el('resident-auth'),
  tabLogin: button('tab-login'),
  tabSignup: button('tab-signup'),
  authMsg: el('auth-msg'),
  panelLogin: form('panel-login'),
  loginId: input('login-id'),
  loginPassword: input('login-password'),
  panelSignup: form('panel-signup'),
  suName: input('su-name'),
  suId: input('su-id'),
  suPhone: input('su-phone'),
  suSendCode: button('su-send-code'),
  suCode: input('su-code'),
  suPassword: input('su-password'),
  residentHome: el('resident-home'),
  hello: el('hello'),
  helloDetail: el('hello-detail'),
  residentLogout: button('resident-logout'),
  verifyCard: el('verify-card'),
  verifyTitle: el('verify-title'),
  verifyHalls: el('verify-halls'),
  verifyBring: el('verify-bring'),
  myCasesTitle: el('my-cases-title'),
  myCasesMsg: el('my-cases-msg'),
  myCasesReach: el('my-cases-reach'),
  myCases: el('my-cases'),
  bookTitle: el('book-title'),
  bookHall: el('book-hall'),
  bookForm: form('book-form'),
  bookCategory: select('book-category'),
  bookMatter: select('book-matter'),
  bookDate: select('book-date'),
  bookSlots: fieldset('book-slots'),
  bookSlotList: el('book-slot-list'),
  bookButton: button('book-button'),
  bookMsg: el('book-msg'),
  myAppointmentsTitle: el('my-appointments-title'),
  myAppointments: el('my-appointments'),
  portalGuideTitle: el('portal-guide-title'),
  portalSearch: form('portal-search'),
  portalQ: input('portal-q'),
  portalResults: el('portal-results'),
} as const;

/** Rendered by portal-case-page.tsx. */
export const PORTAL_CASE_PAGE = {
  caseMsg: el('case-msg'),
  caseCard: el('case-card'),
  caseTitle: el('case-title'),
  caseFacts: el('case-facts'),
  caseSource: el('case-source'),
  caseAsked: el('case-asked'),
  askedTitle: el('asked-title'),
  askedList: el('asked-list'),
  ratingCard: el('rating-card'),
  ratingTitle: el('rating-title'),
  ratingUntil: el('rating-until'),
  ratingGiven: el('rating-given'),
  caseProgress: el('case-progress'),
  progressTitle: el('progress-title'),
  caseTimeline: el('case-timeline'),
} as const;

/** Rendered by portal-apply-page.tsx. */
export const PORTAL_APPLY_PAGE = {
  applyMatter: el('apply-matter'),
  applyForm: form('apply-form'),
  mat: (id: string | number) => input(`mat-${id}`),
  applyMsg: el('apply-msg'),
  applyButton: button('apply-button'),
  applyDone: el('apply-done'),
  applyDoneTitle: el('apply-done-title'),
  applyCode: el('apply-code'),
  applyDoneDetail: el('apply-done-detail'),
  applyCaseLink: anchor('apply-case-link'),
} as const;

/** Rendered by rating-link-page.tsx. */
export const RATING_LINK_PAGE = {
  linkMsg: el('link-msg'),
  linkCard: el('link-card'),
  linkTitle: el('link-title'),
  linkHall: el('link-hall'),
  linkUntil: el('link-until'),
  linkDone: el('link-done'),
  doneTitle: el('done-title'),
} as const;
