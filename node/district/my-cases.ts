import type { Principal } from '../../identity/index.js';
import {
  caseNamesOf,
  HallnetError,
  parseQueryCode,
  residentCase,
  residentOwnsCase,
  type CaseNames,
  type CaseState,
  type ResidentCase,
} from '../../sync/index.js';
import { applicantLight } from '../domain/traffic-light.js';
import type { NodeServices } from '../services.js';

type ResidentPrincipal = Extract<Principal, { kind: 'resident' }>;

/**
 * Where a resident's list came from: the whole district through the hub (`online`); this hall's
 * cases only because the hub cannot be reached (`offline`), because the node has no hub
 * (`alone`), or because a clerk has not verified him yet (`unverified`).
 */
export type DistrictReach = 'online' | 'offline' | 'alone' | 'unverified';

/** One of his cases as the portal shows it, with its light and whether this hall holds it. */
export type MyCase = ResidentCase & { light: ReturnType<typeof applicantLight>; heldHere: boolean };

/** Where an unverified resident goes to be verified in person, and what he brings. */
export interface VerifyInPerson {
  halls: { org: string; name: string; address?: string | undefined }[];
  bring: string[];
}

/** The names a view of a case uses, from this node's reference data. */
export function caseNames(s: Pick<NodeServices, 'reference'>): CaseNames {
  return caseNamesOf(
    (p) => s.reference.orgName(p),
    (m, v) => s.reference.catalogue.version(m, v),
  );
}

const myCase = (s: NodeServices, v: ResidentCase, heldHere: boolean): MyCase => ({
  ...v,
  light: applicantLight(v, s.clock(), s.index.yellowHours),
  heldHere,
});

/** The resident's own cases this hall holds. */
function heldHere(s: NodeServices, p: ResidentPrincipal): CaseState[] {
  return s.index.list({ applicantId: p.idNumber }, s.clock(), 0, 500).items.filter((st) => residentOwnsCase(st, p));
}

/**
 * 我的办件 at any hall: a verified resident's cases across the district through the hub, merged
 * with what this hall holds (its own writes may not have reached the hub yet: of two copies of a
 * case the one with more events wins); else the cases this hall holds, and why only those.
 */
export async function listMyCases(
  s: NodeServices,
  p: ResidentPrincipal,
  token: string,
): Promise<{ reach: DistrictReach; items: MyCase[] }> {
  const names = caseNames(s);
  const here = new Map(heldHere(s, p).map((st) => [st.id, residentCase(st, names)]));
  let reach: DistrictReach = !p.verified ? 'unverified' : s.district ? 'online' : 'alone';
  const merged = new Map<string, MyCase>([...here].map(([id, v]) => [id, myCase(s, v, true)]));
  if (reach === 'online') {
    try {
      for (const v of await s.district!.myCases(token)) {
        const local = here.get(v.id);
        if (!local || v.events.length > local.events.length) merged.set(v.id, myCase(s, v, Boolean(local)));
      }
    } catch (err) {
      if (!(err instanceof HallnetError) || err.code !== 'ERR_HUB_UNREACHABLE') throw err;
      s.logger.warn({ err: err.message }, "residents' district-wide cases not reached; answering with this hall's");
      reach = 'offline';
    }
  }
  // Newest first; an application in 预审 by when it was applied for.
  const since = (c: MyCase) => c.acceptedAt ?? c.appliedAt ?? '';
  const items = [...merged.values()].sort((a, b) =>
    since(a) < since(b) ? 1 : since(a) > since(b) ? -1 : a.id.localeCompare(b.id),
  );
  return { reach, items };
}

/** One of his cases by id or query code: from this hall when it holds it, else (verified) through the hub; 404 alike for another's and for none. */
export async function findMyCase(s: NodeServices, p: ResidentPrincipal, id: string, token: string): Promise<MyCase> {
  const code = parseQueryCode(id);
  const state = code ? s.index.byCode(code) : s.index.get(id);
  if (state && residentOwnsCase(state, p)) return myCase(s, residentCase(state, caseNames(s)), true);
  const found = p.verified && s.district ? await s.district.myCase(id, token) : undefined;
  if (!found) throw new HallnetError('ERR_NOT_FOUND', `no case ${id} of yours here`);
  return myCase(s, found, false);
}

/** Where to get verified: this hall, and the district's service center if this is not it, with their addresses where published. */
export function verifyInPerson(s: NodeServices): VerifyInPerson {
  const district = s.org.split('/')[0]!;
  // A department's back office has no window for residents.
  const here = s.reference.organisations.get(s.org)?.kind === 'department' ? [] : [s.org];
  const halls = [...new Set([...here, district])].map((org) => ({
    org,
    name: s.reference.orgName(org),
    address: s.reference.organisations.get(org)?.address,
  }));
  return { halls, bring: ['本人居民身份证原件', '注册时填写的手机（核对手机号）'] };
}
