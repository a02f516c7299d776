// The ids of online applications (网上申请, 预审) and electronic licences (电子证照): the resident's
// pages on a phone, the clerk's review on the case page, the window's library.
import { anchor, button, el, form, input, textarea } from './element-id.js';

/** Rendered by portal-apply-page.tsx. */
export const PORTAL_APPLY_PAGE = {
  applyMatter: el('apply-matter'),
  applyWhere: el('apply-where'),
  /** Shown instead of the form when he already has this matter open. */
  applyOpen: el('apply-open'),
  libraryNote: el('library-note'),
  applyForm: form('apply-form'),
  /** A material's file input. */
  file: (id: string) => input(`file-${id}`),
  /** Where portal-apply.ts offers a material from the resident's library (免提交). */
  libSlot: (id: string) => el(`lib-${id}`),
  /** The 免提交 checkbox it puts there. */
  libPick: (id: string) => input(`lib-pick-${id}`),
  /** Beside a material the matter allows it for: the resident's 告知承诺 instead of the file. */
  commitment: (id: string) => input(`commit-${id}`),
  applyMsg: el('apply-msg'),
  applyButton: button('apply-button'),
  applyDone: el('apply-done'),
  applyDoneTitle: el('apply-done-title'),
  applyCode: el('apply-code'),
  applyDoneDetail: el('apply-done-detail'),
  applyCaseLink: anchor('apply-case-link'),
} as const;

/** Rendered by portal-application-page.tsx. */
export const PORTAL_APPLICATION_PAGE = {
  appMsg: el('app-msg'),
  appCard: el('app-card'),
  appTitle: el('app-title'),
  appState: el('app-state'),
  appFacts: el('app-facts'),
  amendCard: el('amend-card'),
  amendTitle: el('amend-title'),
  amendNote: el('amend-note'),
  amendForm: form('amend-form'),
  amendList: el('amend-list'),
  /** A requested material's file input (portal-application.ts makes them). */
  amendFile: (id: string) => input(`amend-file-${id}`),
  amendButton: button('amend-button'),
  /** The files sent and the link to the case's progress, shown once the application is found. */
  appFound: el('app-found'),
  filesTitle: el('files-title'),
  filesList: el('files-list'),
  appCaseLink: anchor('app-case-link'),
} as const;

/** Rendered by portal-licences-page.tsx. */
export const PORTAL_LICENCES_PAGE = {
  libMsg: el('lib-msg'),
  licencesTitle: el('licences-title'),
  licencesList: el('licences-list'),
  materialsTitle: el('materials-title'),
  materialsList: el('materials-list'),
} as const;

/** The 预审 and materials cards of case-page.tsx (browser/case-review.ts). */
export const REVIEW_CARD = {
  reviewCard: el('review-card'),
  reviewTitle: el('review-title'),
  reviewFacts: el('review-facts'),
  reviewAccept: button('review-accept'),
  amendForm: form('review-amend-form'),
  amendList: el('review-amend-list'),
  /** A material's checkbox in the list of what to ask for. */
  amendPick: (id: string) => input(`review-amend-${id}`),
  amendNote: textarea('review-amend-note'),
  refuseForm: form('review-refuse-form'),
  refuseReason: textarea('review-refuse-reason'),
  scansCard: el('scans-card'),
  scansTitle: el('scans-title'),
  scansList: el('scans-list'),
} as const;

/** The window's library (免提交) in window-page.tsx (browser/window.ts). */
export const WINDOW_LIBRARY = {
  libraryButton: button('library-button'),
  libraryMsg: el('library-msg'),
  /** Where window.ts offers a material from the applicant's library. */
  libSlot: (id: string) => el(`w-lib-${id}`),
  libPick: (id: string) => input(`w-lib-pick-${id}`),
} as const;
