import { HallnetError, isWithin, levelOfPath, type Level } from '../../../sync/index.js';
import type { CertFacts } from './cert-facts.js';

/**
 * Refuses a level that does not fit the path (a depth-3 path claiming street level 5, say), and
 * paths where no node can stand.
 */
export function assertLevelFits(org: string, level: Level | undefined, what: string): asserts level is Level {
  const want = levelOfPath(org);
  if (want === undefined) throw new HallnetError('ERR_CERT_INVALID', `${what}: no node can stand at "${org}"`);
  if (level !== want) {
    throw new HallnetError(
      'ERR_CERT_INVALID',
      `${what}: level ${level ?? 'none'} does not fit "${org}" (expected ${want})`,
    );
  }
}

/**
 * Who may certify whom. The district root may certify any node of its district: the center (its
 * own path), departments, streets and — a decision, not an oversight — communities directly, so a
 * station can be enrolled while its street office is offline or not yet enrolled; forbidding it
 * would add no safety, since the root could always certify a street that then certifies the
 * community. A street (level 5, a CA with pathLen 0) certifies only communities strictly below its
 * own path. Every other node certificate is not a CA. A city root (`createRootCa` with `city`)
 * certifies district hubs only: a district's path, level 4, never a CA (its pathLen is 0).
 */
export function assertMayIssue(
  issuer: CertFacts,
  subject: { org: string; level: Level | undefined },
  what: string,
): void {
  const refuse = (reason: string) => new HallnetError('ERR_CERT_INVALID', `${what}: ${reason}`);
  if (!issuer.isCa || !issuer.keyCertSign)
    throw refuse(`${issuer.what} (${issuer.org}) is not a certificate authority`);
  assertLevelFits(subject.org, subject.level, what);
  if (issuer.city) {
    // A city root certifies each district's hub as a node of the city; the district's own tree stays under the district root.
    if (issuer.level !== undefined || subject.org.includes('/'))
      throw refuse('a city root certifies district hubs only');
    return;
  }
  if (issuer.level === undefined) {
    if (issuer.org.includes('/')) throw refuse(`${issuer.what} is not a district root`);
    if (!isWithin(subject.org, issuer.org)) throw refuse(`"${subject.org}" lies outside "${issuer.org}"`);
    return;
  }
  if (issuer.level !== 5) throw refuse(`a level ${issuer.level} node may not issue certificates`);
  if (subject.org === issuer.org || !isWithin(subject.org, issuer.org)) {
    throw refuse(`"${subject.org}" does not lie strictly inside "${issuer.org}"`);
  }
  if (subject.level !== 6) throw refuse('a street may certify only its communities');
}

/**
 * The shape every node certificate must have: a level that fits its path, a signing key usage, and
 * CA rights exactly when it is a street (pathLen 0, so a community it certifies can certify no one).
 */
export function assertNodeCertShape(facts: CertFacts): void {
  const refuse = (reason: string) => new HallnetError('ERR_CERT_INVALID', `${facts.what}: ${reason}`);
  assertLevelFits(facts.org, facts.level, facts.what);
  if (!facts.digitalSignature) throw refuse('key usage lacks digitalSignature');
  if (facts.level === 5) {
    if (!facts.isCa || facts.pathLen !== 0 || !facts.keyCertSign)
      throw refuse('a street certificate must be a CA with pathLen 0');
  } else if (facts.isCa || facts.keyCertSign) {
    throw refuse(`a level ${facts.level} certificate may not be a CA`);
  }
}
