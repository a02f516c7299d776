import type { OrgKind } from '../../sync/index.js';
import type { NodeServices } from '../services.js';
import { districtBrand } from './district-brand.js';
import { linkState, type LinkState } from './link-state.js';

/** What the layout needs to know about the node a page is served by. */
export interface PageContext {
  org: string;
  orgName: string;
  /** The header's title: the district's service (东城区政务服务). */
  brand: string;
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
    brand: districtBrand(s.reference.organisations, s.org),
    level: s.level,
    kind: s.reference.organisations.get(s.org)?.kind,
    link: linkState(s),
  };
}
