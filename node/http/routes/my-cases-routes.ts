import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HallnetError, resident, residentOwnsCase } from '../../../sync/index.js';
import { foldCase, type CaseState } from '../../../sync/index.js';
import { findMyCase, listMyCases, verifyInPerson } from '../../district/my-cases.js';
import type { NodeServices } from '../../services.js';
import type { Principal } from '../../../identity/index.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema } from '../path-params.js';
import { actorOf, caseView } from './case-routes.js';

/** The path of a resident's own case. */
export const ownCaseParams = z.object({ id: caseIdSchema });

type ResidentPrincipal = Extract<Principal, { kind: 'resident' }>;

/** The calling resident, or 403 for anyone else. */
export function residentOf(p: Principal | undefined): ResidentPrincipal {
  if (p?.kind !== 'resident') throw new HallnetError('ERR_FORBIDDEN', 'residents only');
  return p;
}

/** A resident's own case held at this node, or 404 — the same answer whether the case is another's or does not exist. */
export function ownCase(s: NodeServices, p: ResidentPrincipal, id: string): CaseState {
  const state = s.index.get(id);
  if (!state || !residentOwnsCase(state, p)) throw new HallnetError('ERR_NOT_FOUND', `no case ${id} of yours here`);
  return state;
}

/** The access token the resident called with, to relay to the hub (the route layer has verified it). */
const bearerOf = (authorization: string | undefined) => authorization?.replace(/^Bearer\s+/, '') ?? '';

/** 一次登录、全网通办: a resident's own cases at this node (online applications: online-apply-routes.ts). */
export function registerMyCaseRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/my/cases',
      tag: 'residents',
      summary:
        "The calling resident's own cases across the district (through the hub once he is verified in person), else those this hall holds, and why",
      access: resident,
    },
    async (c, { principal }) => {
      const p = residentOf(principal);
      const { reach, items } = await listMyCases(s, p, bearerOf(c.req.header('authorization')));
      c.header('Cache-Control', 'no-store');
      return c.json({
        total: items.length,
        verified: p.verified,
        reach,
        items,
        ...(p.verified ? {} : { verifyInPerson: verifyInPerson(s) }),
      });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/my/cases/:id',
      tag: 'residents',
      summary: "One of the calling resident's own cases, with its timeline, from this hall or through the hub",
      access: resident,
      params: ownCaseParams,
    },
    async (c, { params, principal }) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await findMyCase(s, residentOf(principal), params.id, bearerOf(c.req.header('authorization'))));
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/my/cases/:id/opt-out',
      tag: 'residents',
      summary: 'No courtesy SMS about this case (受理、办结); notices the procedure requires still go',
      access: resident,
      params: ownCaseParams,
    },
    async (c, { params, principal }) => {
      const p = residentOf(principal);
      const state = ownCase(s, p, params.id);
      const actor = actorOf(principal, s.org);
      const saved = await s.cases.append(`case:${state.id}`, actor, (current) =>
        foldCase(current).noticesOptedOut
          ? { events: [] }
          : { events: [{ id: randomUUID(), at: s.clock().toISOString(), actor, kind: 'notices-opted-out' }] },
      );
      s.index.put(saved);
      return c.json(caseView(foldCase(saved), s));
    },
  );
}
