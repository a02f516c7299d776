import type { LicenceStatus } from '../licences/licence-check.js';
import type { MaterialLevel } from '../../sync/index.js';

/** One of the holder's electronic licences, as the window and the portal show it. */
export interface LibraryLicence {
  number: string;
  licenceType: string;
  licenceName: string;
  issuer: string;
  issuerName: string;
  issuedAt: string;
  validUntil: string | undefined;
  status: LicenceStatus;
  matterCode: string;
  caseId: string;
  /** The holder's key: proves the licence his when a later case takes it (kept off the public register). */
  key: string;
}

/** One scan the holder handed in for an earlier case, with its trust level. */
export interface LibraryMaterial {
  docId: string;
  caseId: string;
  materialId: string;
  name: string;
  level: MaterialLevel;
  at: string;
  hall: string;
  matterName: string;
  contentType: string;
  size: number;
}

/**
 * 一表一库: what a holder has handed in anywhere in the district and the licences he holds, each
 * verified by this node. `source` says where it came from: the whole district through the hub, or
 * only this hall's replica (the hub out of reach, or not configured).
 */
export interface ResidentLibrary {
  source: 'district' | 'this-hall';
  licences: LibraryLicence[];
  materials: LibraryMaterial[];
}
