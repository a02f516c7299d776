import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { z } from 'zod';
import { isIP } from 'node:net';
import { RELAY_HEADERS, type Principal } from '../../identity/index.js';
import {
  caseNamesOf,
  HallnetError,
  node,
  nodeForResident,
  parseQueryCode,
  queryCodeSchema,
  RateLimiter,
  RESIDENT_TOKEN_HEADER,
  residentCase,
  residentOwnsCase,
  trackedCase,
  type CaseNames,
  type CaseState,
  type Routes,
} from '../../sync/index.js';
import type { HubReference } from '../follow-reference.js';
import type { Store } from '../store/store.js';
import type { CaseLookup } from './case-lookup.js';
import { readDistrictCase } from './read-district-case.js';

/** How many lookups the hub answers per minute: per caller address and per query code (tracking), per calling node, per resident. */
export interface LookupLimits {
  perAddress: number;
  perCode: number;
  perNode: number;
  perResident: number;
}

/** What the district-wide lookups read from. */
export interface DistrictCaseDeps {
  store: Store;
  lookup: CaseLookup;
  /** Whether the lookup has taken every case the store held at start; until then the hub answers 503. */
  ready: () => boolean;
  reference: HubReference;
  limits: LookupLimits;
  clock: () => Date;
  /** Verifies a resident's access token the hall relays with a tracking request (RESIDENT_TOKEN_HEADER). */
  verifyResident: (token: string) => Promise<Principal>;
}

/** A resident's list is his own cases, newest first; more than this is older history the hall holding it shows. */
const MAX_LISTED = 200;

/** The path of a resident's case: its id, or its query code (a UUID never parses as one). */
const caseParams = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,80}$/, 'not a case id / 办件编号无效') });

/**
 * 全网通办 through the hub: any hall asks for a case of the district it does not hold. Tracking by
 * query code answers the public view only (status and steps, no personal data), rate-limited by
 * the caller's address, which the node relays and the hub believes only because the node proved
 * itself, by the code (except for the case's own verified resident, whose token the node relays:
 * his own limit instead) and by the node. A resident's own cases are authorized by his access token,
 * verified here, and the ID number in it once a clerk has confirmed it in person — never by a
 * number in the request; another's case is 404 whether or not it exists.
 */
export function registerDistrictCaseRoutes(routes: Routes<BlankEnv, Principal>, d: DistrictCaseDeps): void {
  const minute = 60_000;
  const byAddress = new RateLimiter(d.limits.perAddress, minute, d.clock);
  const byCode = new RateLimiter(d.limits.perCode, minute, d.clock);
  const byNode = new RateLimiter(d.limits.perNode, minute, d.clock);
  const byResident = new RateLimiter(d.limits.perResident, minute, d.clock);
  const names: CaseNames = caseNamesOf(
    (p) => d.reference.orgName(p),
    (m, v) => d.reference.matter(m, v),
  );
  const mustBeReady = () => {
    if (!d.ready())
      throw new HallnetError('ERR_HUB_STARTING', 'the case lookup is still being built', {
        detail: { retryAfterSeconds: 5 },
      });
  };
  /** The verified resident whose token the hall relays, if any; a token that does not verify tracks as anyone. */
  const relayedResident = async (c: Context) => {
    const token = c.req.header(RESIDENT_TOKEN_HEADER);
    if (!token) return undefined;
    const p = await d.verifyResident(token).catch(() => undefined);
    return p?.kind === 'resident' && p.verified ? p : undefined;
  };
  const verifiedResident = (p: Principal | undefined) => {
    if (p?.kind !== 'resident') throw new HallnetError('ERR_FORBIDDEN', 'residents only');
    // The ID number in an unverified account is only what was typed at sign-up: it proves nothing.
    if (!p.verified) throw new HallnetError('ERR_IDENTITY_UNVERIFIED', 'the resident has not been verified in person');
    return p;
  };

  routes.add(
    {
      method: 'get',
      path: '/api/track/:code',
      tag: 'district cases',
      summary:
        'Follow any case of the district by its query code: status and public steps, no personal data (for halls that do not hold it)',
      access: node,
      params: z.object({ code: queryCodeSchema }),
    },
    async (c, { params, nodeOrg }) => {
      byNode.hit(`node:${nodeOrg}`);
      byAddress.hit(relayedAddress(c, nodeOrg!));
      // The case's own resident, logged in at the hall, tracks it under his own limit: others who
      // know the code and use up its limit do not lock him out. Anyone else counts against the code.
      const resident = await relayedResident(c);
      if (resident) byResident.hit(resident.id);
      else byCode.hit(params.code);
      mustBeReady();
      const id = d.lookup.byQueryCode(params.code);
      const state = id === undefined ? undefined : await readDistrictCase(d.store, id);
      if (resident && !(state && residentOwnsCase(state, resident))) byCode.hit(params.code);
      if (!state) throw new HallnetError('ERR_NOT_FOUND', 'no case with this query code in the district');
      c.header('Cache-Control', 'no-store');
      return c.json(trackedCase(state, names));
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/my/cases',
      tag: 'district cases',
      summary:
        "Every case of the district made out to the resident's verified ID number, with its progress and what is asked of him",
      access: nodeForResident,
    },
    async (c, { principal, nodeOrg }) => {
      byNode.hit(`node:${nodeOrg}`);
      const p = verifiedResident(principal);
      byResident.hit(p.id);
      mustBeReady();
      const states = await Promise.all(d.lookup.casesOf(p.idNumber).map((id) => readDistrictCase(d.store, id)));
      const own = states.filter((s): s is CaseState => s !== undefined && residentOwnsCase(s, p));
      // Newest first; an application in 预审 by when it was applied for.
      const since = (s: CaseState) => s.acceptedAt ?? s.appliedAt ?? '';
      own.sort((a, b) => (since(a) < since(b) ? 1 : since(a) > since(b) ? -1 : 0));
      c.header('Cache-Control', 'no-store');
      return c.json({ total: own.length, items: own.slice(0, MAX_LISTED).map((s) => residentCase(s, names)) });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/my/cases/:id',
      tag: 'district cases',
      summary: "One of the resident's own cases by its id or its query code, with its timeline; 404 for any other",
      access: nodeForResident,
      params: caseParams,
    },
    async (c, { params, principal, nodeOrg }) => {
      byNode.hit(`node:${nodeOrg}`);
      const p = verifiedResident(principal);
      byResident.hit(p.id);
      const code = parseQueryCode(params.id);
      if (code) mustBeReady();
      const docId = code ? d.lookup.byQueryCode(code) : `case:${params.id}`;
      const state = docId === undefined ? undefined : await readDistrictCase(d.store, docId);
      if (!state || !residentOwnsCase(state, p))
        throw new HallnetError('ERR_NOT_FOUND', `no case ${params.id} of yours`);
      c.header('Cache-Control', 'no-store');
      return c.json(residentCase(state, names));
    },
  );
}

/**
 * The address of the resident behind the calling node, as the node relays it (the header its
 * identity relay vouches with, RELAY_HEADERS.clientAddress): believed because the node proved
 * itself on this very request; a node that relays none counts as one caller.
 */
function relayedAddress(c: Context, nodeOrg: string): string {
  const relayed = c.req.header(RELAY_HEADERS.clientAddress)?.trim();
  return relayed && isIP(relayed) ? `address:${relayed}` : `node:${nodeOrg}`;
}
