// The ids every page shell shares: the config block, the floor clock, the offline banner, the
// clerk's login and the rating form.
import { button, el, form, input, textarea, time } from './element-id.js';

/** Rendered by layout.tsx. */
export const LAYOUT = {
  hallnetConfig: el('hallnet-config'),
  main: el('main'),
} as const;

/** Rendered by floor-layout.tsx. */
export const FLOOR_LAYOUT = {
  floorClock: time('floor-clock'),
} as const;

/** Rendered by offline-banner.tsx. */
export const OFFLINE_BANNER = {
  linkBanner: el('link-banner'),
  linkBannerText: el('link-banner-text'),
} as const;

/** Rendered by no-floor-note.tsx. */
export const NO_FLOOR_NOTE = {
  noFloorNote: el('no-floor-note'),
} as const;

/** Rendered by clerk-login.tsx. */
export const CLERK_LOGIN = {
  clerkLogin: el('clerk-login'),
  clerkLoginTitle: el('clerk-login-title'),
  clerkLoginNote: el('clerk-login-note'),
  clerkLoginForm: form('clerk-login-form'),
  clerkAccount: input('clerk-account'),
  clerkPassword: input('clerk-password'),
  clerkLoginMsg: el('clerk-login-msg'),
  clerkBar: el('clerk-bar'),
  clerkName: el('clerk-name'),
  clerkLogout: button('clerk-logout'),
  clerkNoRight: el('clerk-no-right'),
  clerkArea: el('clerk-area'),
} as const;

/** Rendered by rating-form.tsx. */
export const RATING_FORM = {
  ratingForm: form('rating-form'),
  level: (level: string | number) => input(`level-${level}`),
  ratingComment: textarea('rating-comment'),
  ratingMsg: el('rating-msg'),
  ratingSubmit: button('rating-submit'),
} as const;

/** The message field-errors.ts puts right below a form control that the last answer found wrong. */
export const FIELD_ERROR = {
  of: (controlId: string) => el(`${controlId}-error`),
} as const;
