import { maskName } from '../../sync/index.js';
import type { AcceptedCase } from '../../sync/index.js';
import type { Light } from '../domain/traffic-light.js';
import type { ReferenceData } from '../store/reference-data.js';

/** One line of the hall's big screen: a yellow or red case, with nothing that names the applicant in full. */
export interface BoardEntry {
  id: string;
  /** The query code with its middle hidden: the applicant recognises his own. */
  code: string;
  matterName: string;
  departmentName: string;
  hallName: string;
  holderName: string;
  applicant: string;
  promisedBy: string;
  light: Exclude<Light, 'green' | 'paused'>;
}

/** A query code as the public board shows it: `ABCD••••JK7`. */
export function maskCode(code: string): string {
  return code.length > 7 ? `${code.slice(0, 4)}${'•'.repeat(code.length - 7)}${code.slice(-3)}` : code;
}

/** The board's line for a case that is yellow or red now. */
export function boardEntry(
  c: AcceptedCase,
  light: Exclude<Light, 'green' | 'paused'>,
  reference: ReferenceData,
): BoardEntry {
  return {
    id: c.id,
    code: maskCode(c.queryCode),
    matterName: c.matterName,
    departmentName: reference.orgName(c.department),
    hallName: reference.orgName(c.scope),
    holderName: reference.orgName(c.holder),
    applicant: c.applicant.kind === 'company' ? c.applicant.name : maskName(c.applicant.name),
    promisedBy: c.promisedBy,
    light,
  };
}
