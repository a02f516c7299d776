/**
 * The pages' module scripts: each is an entry of the browser bundle (node/pages/browser/<name>.ts)
 * served as `/pages/assets/<name>.js`, and a page names the ones it loads from this list.
 */
export const BROWSER_SCRIPTS = [
  'link-banner',
  'staff-nav',
  'floor-clock',
  'window',
  'case-list',
  'case',
  'case-flow',
  'rating-offer',
  'notice',
  'status',
  'track',
  'inbox',
  'commitments',
  'office-case',
  'portal',
  'portal-apply',
  'portal-application',
  'portal-licences',
  'case-review',
  'portal-case',
  'portal-rating',
  'rating-link',
  'rating-device',
  'kiosk',
  'screen',
  'ticket',
  'queue-panel',
  'window-setup',
  'board',
  'supervision',
  'staff',
  'certificates',
  'staff-password',
  'catalogue-editor',
] as const;

/** A page's module script, by its entry's name. */
export type BrowserScript = (typeof BROWSER_SCRIPTS)[number];

/** Where a page loads a script from. */
export const scriptUrl = (name: BrowserScript) => `/pages/assets/${name}.js`;
