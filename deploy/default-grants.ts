import { randomUUID } from 'node:crypto';
import { issueGrant } from '../identity/index.js';
import { levelOfPath, parentOf, RIGHTS, ROOT_ONLY_RIGHTS, type GrantDoc, type Right } from '../sync/index.js';
import type { Issuer } from './enroll.js';

/** What a street office gets from the district, and may pass on. */
export const STREET_RIGHTS: Right[] = [
  'case.accept',
  'case.forward',
  'case.deliver',
  'grant',
  'staff.manage',
  'supervision.view',
  'ratings.view',
  'queue.manage',
];
/** What a community station gets from its street. */
export const COMMUNITY_RIGHTS: Right[] = ['case.accept', 'case.forward', 'case.deliver', 'queue.manage'];
/** What a department's back office gets: approvals for its own department anywhere in the district. */
export const DEPARTMENT_RIGHTS: Right[] = ['case.approve', 'case.deliver', 'case.forward', 'supervision.view'];

const YEAR_S = 365 * 86_400;

/** What the district gives an organisation by default, by its kind: the rights, over which subtree, for which departments. */
export function districtGrantFor(org: string): { rights: Right[]; subtree: string; departments?: string[] } {
  const district = org.split('/')[0]!;
  // The district center holds every right the district can give, so its admins grant through it.
  if (org === district) return { rights: RIGHTS.filter((r) => !ROOT_ONLY_RIGHTS.includes(r)), subtree: district };
  if (org.split('/')[1] === 'dept') return { rights: DEPARTMENT_RIGHTS, subtree: district, departments: [org] };
  return { rights: levelOfPath(org) === 5 ? STREET_RIGHTS : COMMUNITY_RIGHTS, subtree: org };
}

/** A grant from the district root itself, signed with the CA key: the first link of every chain. */
export function rootGrant(
  org: string,
  ca: Issuer,
  g: { rights: Right[]; subtree: string; departments?: string[] | undefined; nbf: number; exp: number },
  now: Date,
): Promise<GrantDoc> {
  const district = org.split('/')[0]!;
  return issueGrant(
    {
      v: 1,
      grantor: district,
      grantee: { org },
      subtree: g.subtree,
      rights: g.rights,
      ...(g.departments ? { departments: g.departments } : {}),
      nbf: g.nbf,
      exp: g.exp,
      parent: null,
      jti: randomUUID(),
    },
    ca,
    { id: 'hub:ca', name: '区政务服务管理办公室', org: district },
    now,
  );
}

/**
 * The grants a freshly enrolled district starts with, signed as a real district signs them: the
 * district root grants streets and departments; a street grants its own communities (or the
 * district does, for a community whose street is not running here).
 */
export async function defaultGrants(
  orgs: readonly string[],
  ca: Issuer,
  streetIssuer: (street: string) => Issuer | undefined,
  now: Date,
): Promise<GrantDoc[]> {
  const nbf = Math.floor(now.getTime() / 1000) - 300;
  const exp = nbf + YEAR_S;
  const docs: GrantDoc[] = [];
  const byRoot = new Map<string, GrantDoc>();
  const fromRoot = async (org: string) => {
    const doc = await rootGrant(org, ca, { ...districtGrantFor(org), nbf, exp }, now);
    docs.push(doc);
    byRoot.set(org, doc);
  };
  for (const org of orgs) if (levelOfPath(org) !== 6) await fromRoot(org);
  for (const org of orgs.filter((o) => levelOfPath(o) === 6)) {
    const street = parentOf(org)!;
    const parent = byRoot.get(street);
    const signer = parent && streetIssuer(street);
    if (!parent || !signer) {
      await fromRoot(org);
      continue;
    }
    docs.push(
      await issueGrant(
        {
          v: 1,
          grantor: street,
          grantee: { org },
          subtree: org,
          rights: COMMUNITY_RIGHTS,
          nbf,
          exp: exp - 60,
          parent: parent.grantId,
          jti: randomUUID(),
        },
        signer,
        { id: `node:${street}`, org: street },
        now,
      ),
    );
  }
  return docs;
}
