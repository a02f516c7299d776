import { HallnetError, orgPathSchema, type Level, type OrgPath } from '../../../sync/index.js';

const ORG_URN = 'urn:hallnet:org:';
const LEVEL_URN = 'urn:hallnet:level:';
// Marks a city root: it certifies district hubs (跨区通办), nothing below them.
const CITY_URN = 'urn:hallnet:tier:city';
// GeneralName tag 6 is uniformResourceIdentifier (RFC 5280 §4.2.1.6).
const URI = 6;

export interface AltName {
  type: number;
  value: string;
}

/** The subjectAltName entries that carry a node's organisation and level (and a city root's mark). */
export function nodeAltNames(org: OrgPath, level?: Level, city = false): AltName[] {
  const names = [{ type: URI, value: `${ORG_URN}${org}` }];
  if (level !== undefined) names.push({ type: URI, value: `${LEVEL_URN}${level}` });
  if (city) names.push({ type: URI, value: CITY_URN });
  return names;
}

/** Whether subjectAltName entries mark a city root. */
export function isCityAltNames(altNames: unknown): boolean {
  return Array.isArray(altNames) && altNames.some((n: AltName) => n?.type === URI && n.value === CITY_URN);
}

/**
 * Reads the organisation and level back from subjectAltName entries. Exactly one org URI and at
 * most one level URI: a certificate that names two organisations would mean different things to
 * different readers.
 */
export function readNodeAltNames(altNames: unknown, what: string): { org: OrgPath; level: Level | undefined } {
  const uris = Array.isArray(altNames)
    ? altNames.filter((n: AltName) => n?.type === URI && typeof n.value === 'string').map((n: AltName) => n.value)
    : [];
  const orgs = uris.filter((u) => u.startsWith(ORG_URN)).map((u) => u.slice(ORG_URN.length));
  const levels = uris.filter((u) => u.startsWith(LEVEL_URN)).map((u) => u.slice(LEVEL_URN.length));
  if (orgs.length !== 1) throw new HallnetError('ERR_CERT_INVALID', `${what} must name exactly one organisation`);
  if (levels.length > 1) throw new HallnetError('ERR_CERT_INVALID', `${what} names more than one level`);
  const org = orgPathSchema.safeParse(orgs[0]);
  if (!org.success) throw new HallnetError('ERR_CERT_INVALID', `${what} has a malformed organisation path`);
  const raw = levels[0];
  if (raw === undefined) return { org: org.data, level: undefined };
  if (raw !== '4' && raw !== '5' && raw !== '6') {
    throw new HallnetError('ERR_CERT_INVALID', `${what} has an unknown level "${raw}"`);
  }
  return { org: org.data, level: Number(raw) as Level };
}
