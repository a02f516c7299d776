import { randomUUID } from 'node:crypto';
import { issueGrant } from '../identity/index.js';
import { levelOfPath, parentOf, RIGHTS, ROOT_ONLY_RIGHTS, type GrantDoc, type Right } from '../sync/index.js';
import type { Issuer } from './enroll.js';

/** What a street office gets from the district, and may pass on. */
export const STREET_RIGHTS: Right[] = ['case.accept', 'case.forward', 'case.deliver', 'grant', 'staff.manage', 'supervision.view', 'queue.manage'];
/** What a community station gets from its street. */
export const COMMUNITY_RIGHTS: Right[] = ['case.accept', 'case.forward', 'case.deliver', 'queue.manage'];
/** What a department's back office gets: approvals for its own department anywhere in the district. */
export const DEPARTMENT_RIGHTS: Right[] = ['case.approve', 'case.deliver', 'case.forward', 'supervision.view'];

const YEAR_S = 365 * 86_400;

/**
 * The grants a freshly enrolled district starts with, signed as a real district signs them: the
 * district root grants streets and departments; a street grants its own communities (or the
 * district does, for a community whose street is not running here).
 */
export async function defaultGrants(orgs: readonly string[], ca: Issuer, streetIssuer: (street: string) => Issuer | undefined, now: Date): Promise<GrantDoc[]> {
  const district = orgs.find((o) => !o.includes('/')) ?? orgs[0]!.split('/')[0]!;
  const nbf = Math.floor(now.getTime() / 1000) - 300;
  const exp = nbf + YEAR_S;
  const docs: GrantDoc[] = [];
  const byRoot = new Map<string, GrantDoc>();
  const fromRoot = async (org: string, rights: Right[], subtree: string, departments?: string[]) => {
    const doc = await issueGrant(
      { v: 1, grantor: district, grantee: { org }, subtree, rights, ...(departments ? { departments } : {}), nbf, exp, parent: null, jti: randomUUID() },
      ca,
      { id: 'hub:ca', name: '区政务服务管理办公室', org: district },
      now,
    );
    docs.push(doc);
    byRoot.set(org, doc);
  };
  for (const org of orgs) {
    // The district center holds every right the district can give, so its admins grant through it.
    if (org === district) await fromRoot(org, RIGHTS.filter((r) => !ROOT_ONLY_RIGHTS.includes(r)), district);
    else if (org.split('/')[1] === 'dept') await fromRoot(org, DEPARTMENT_RIGHTS, district, [org]);
    else if (levelOfPath(org) === 5) await fromRoot(org, STREET_RIGHTS, org);
  }
  for (const org of orgs.filter((o) => levelOfPath(o) === 6)) {
    const street = parentOf(org)!;
    const parent = byRoot.get(street);
    const signer = parent && streetIssuer(street);
    if (!parent || !signer) {
      await fromRoot(org, COMMUNITY_RIGHTS, org);
      continue;
    }
    docs.push(
      await issueGrant(
        { v: 1, grantor: street, grantee: { org }, subtree: org, rights: COMMUNITY_RIGHTS, nbf, exp: exp - 60, parent: parent.grantId, jti: randomUUID() },
        signer,
        { id: `node:${street}`, org: street },
        now,
      ),
    );
  }
  return docs;
}
