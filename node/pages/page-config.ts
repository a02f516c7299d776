import type { Labels } from './labels.js';
import type { LinkState } from './link-state.js';

/** What a page hands its scripts besides the node's own facts; each page sets the fields its scripts read. */
export interface PageData {
  /** `/window?matter=`: the matter to open at once. */
  matter?: string | null;
  /** The case a case page, notice or rating is about. */
  caseId?: string;
  /** `/portal/apply/:code`: the matter applied for. */
  matterCode?: string;
  /** `/queue/ticket/:id`. */
  ticketId?: string;
  /** `/rate/:token`: the SMS link's token. */
  token?: string;
  /** `/rate/window/:window`: the window whose rating device this is. */
  window?: string;
  /** The board's yellow threshold, in hours. */
  yellowHours?: number;
  /** The supervision dashboard's default period, whether this node publishes the settings, the rating levels' names. */
  from?: string;
  to?: string;
  district?: boolean;
  levels?: Record<string, string>;
}

/**
 * The config block every page carries (`<script type="application/json">`, read by the browser
 * code's config.ts): the node, its link to the hub, the labels of API codes, and the page's data.
 */
export interface PageConfig extends PageData {
  org: string;
  orgName: string;
  level: 4 | 5 | 6;
  link: LinkState;
  labels: Labels;
}
