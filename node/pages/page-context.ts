import type { OrgKind } from '../../sync/index.js';
import type { NodeServices } from '../services.js';
import { linkState, type LinkState } from './link-state.js';

/** What the layout needs to know about the node a page is served by. */
export interface PageContext {
  org: string;
  orgName: string;
  level: 4 | 5 | 6;
  /** What the node is (a department's back office keeps no hall floor); unknown before its organisations arrive. */
  kind: OrgKind | undefined;
  link: LinkState;
}

/** The page context of this node, read at the moment the page is rendered. */
export function pageContext(s: NodeServices): PageContext {
  return {
    org: s.org,
    orgName: s.reference.orgName(s.org),
    level: s.level,
    kind: s.reference.organisations.get(s.org)?.kind,
    link: linkState(s),
  };
}
