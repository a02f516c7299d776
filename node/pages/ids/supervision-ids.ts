// The ids of the supervision pages: the dashboard, the traffic-light board and the rating device.
import { button, el, form, input, select } from './element-id.js';

/** Rendered by supervision-page.tsx. */
export const SUPERVISION_PAGE = {
  svMsg: el('sv-msg'),
  svFilter: form('sv-filter'),
  svFrom: input('sv-from'),
  svTo: input('sv-to'),
  svBy: select('sv-by'),
  svOrg: select('sv-org'),
  svCsv: button('sv-csv'),
  svLastMonth: button('sv-last-month'),
  totalsTitle: el('totals-title'),
  svTotals: el('sv-totals'),
  chartScore: el('chart-score'),
  chartRates: el('chart-rates'),
  chartDaily: el('chart-daily'),
  tableTitle: el('table-title'),
  svRows: el('sv-rows'),
  lightsTitle: el('lights-title'),
  svLightTotals: el('sv-light-totals'),
  svLightHalls: el('sv-light-halls'),
  svWatched: el('sv-watched'),
  ratingsTitle: el('ratings-title'),
  svRatingFilter: form('sv-rating-filter'),
  svLevel: select('sv-level'),
  svFollowup: select('sv-followup'),
  svRatings: el('sv-ratings'),
  refusalsTitle: el('refusals-title'),
  svRefusalsAsOf: el('sv-refusals-as-of'),
  svRefusals: el('sv-refusals'),
  settingsTitle: el('settings-title'),
  svSettingsBy: el('sv-settings-by'),
  svSettings: form('sv-settings'),
  setRatingDays: input('set-rating-days'),
  setFollowupDays: input('set-followup-days'),
  setQueueTarget: input('set-queue-target'),
  setWInstant: input('set-w-instant'),
  setWOntime: input('set-w-ontime'),
  setWSatisfaction: input('set-w-satisfaction'),
  setWQueue: input('set-w-queue'),
  svSettingsMsg: el('sv-settings-msg'),
  /** A follow-up's answer field (supervision-watch.ts makes them), by rating id. */
  followUpAnswer: (ratingId: string) => input(`answer-${ratingId.replace(/[^A-Za-z0-9-]/g, '-')}`),
} as const;

/** Rendered by board-page.tsx. */
export const BOARD_PAGE = {
  countRed: el('count-red'),
  countYellow: el('count-yellow'),
  boardPage: el('board-page'),
  boardRows: el('board-rows'),
  boardEmpty: el('board-empty'),
  boardNote: el('board-note'),
  boardLink: el('board-link'),
} as const;

/** Rendered by rating-device-page.tsx. */
export const RATING_DEVICE_PAGE = {
  devicePair: el('device-pair'),
  pairTitle: el('pair-title'),
  pairForm: form('pair-form'),
  pairCode: input('pair-code'),
  pairMsg: el('pair-msg'),
  deviceIdle: el('device-idle'),
  idleTitle: el('idle-title'),
  deviceLink: el('device-link'),
  deviceAsk: el('device-ask'),
  askTitle: el('ask-title'),
  askSubject: el('ask-subject'),
  askLeft: el('ask-left'),
  deviceThanks: el('device-thanks'),
  thanksTitle: el('thanks-title'),
} as const;
