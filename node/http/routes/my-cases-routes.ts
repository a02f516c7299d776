import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HallnetError, isWithin, levelOfPath, orgPathSchema, resident, residentOwnsCase, type Applicant, type Matter } from '../../../sync/index.js';
import { acceptCase } from '../../domain/accept-case.js';
import { foldCase, type CaseState } from '../../../sync/index.js';
import { findMyCase, listMyCases, verifyInPerson } from '../../district/my-cases.js';
import type { NodeServices } from '../../services.js';
import type { Principal } from '../../../identity/index.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema } from '../path-params.js';
import { actorOf, caseView } from './case-routes.js';

const applyBody = z.object({
  matterCode: z.string().min(1).max(50),
  /** Materials the resident says are attached to the application. */
  received: z.array(z.string().max(40)).max(100).default([]),
  /** The hall to place the case at, for matters decided where they are accepted or by a street. */
  org: orgPathSchema.optional(),
});

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

/**
 * Where an online application is placed: through the district center (which holds every hall),
 * at the department or hall that decides the matter; at any other hall, at that hall itself, as
 * if handed in at its window — forwarding it on is the workflow's business.
 */
function placement(s: NodeServices, matter: Matter, chosen: string | undefined): string {
  if (s.org.includes('/')) {
    if (chosen && chosen !== s.org) throw new HallnetError('ERR_SCOPE_FORBIDDEN', `this hall places cases at ${s.org}`, { issues: [{ field: 'org', reason: 'apply at the district center to choose another hall / 请通过区中心选择其他办理机构' }] });
    return s.org;
  }
  if (matter.decidedBy === 'department') return matter.department;
  if (chosen && !isWithin(chosen, s.org)) throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${chosen} is outside the district`, { issues: [{ field: 'org', reason: 'outside the district / 不在本区' }] });
  return chosen ?? s.org;
}

/** 一次登录、全网通办: a resident's own cases at this node, and online applications (网上办理). */
export function registerMyCaseRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/my/cases',
      tag: 'residents',
      summary: "The calling resident's own cases across the district (through the hub once he is verified in person), else those this hall holds, and why",
      access: resident,
    },
    async (c, { principal }) => {
      const p = residentOf(principal);
      const { reach, items } = await listMyCases(s, p, bearerOf(c.req.header('authorization')));
      c.header('Cache-Control', 'no-store');
      return c.json({ total: items.length, verified: p.verified, reach, items, ...(p.verified ? {} : { verifyInPerson: verifyInPerson(s) }) });
    },
  );
  routes.add(
    { method: 'get', path: '/api/my/cases/:id', tag: 'residents', summary: "One of the calling resident's own cases, with its timeline, from this hall or through the hub", access: resident, params: ownCaseParams },
    async (c, { params, principal }) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await findMyCase(s, residentOf(principal), params.id, bearerOf(c.req.header('authorization'))));
    },
  );
  routes.add(
    { method: 'post', path: '/api/my/cases/:id/opt-out', tag: 'residents', summary: 'No courtesy SMS about this case (受理、办结); notices the procedure requires still go', access: resident, params: ownCaseParams },
    async (c, { params, principal }) => {
      const p = residentOf(principal);
      const state = ownCase(s, p, params.id);
      const actor = actorOf(principal, s.org);
      const saved = await s.cases.append(`case:${state.id}`, actor, (current) =>
        foldCase(current).noticesOptedOut ? { events: [] } : { events: [{ id: randomUUID(), at: s.clock().toISOString(), actor, kind: 'notices-opted-out' }] },
      );
      s.index.put(saved);
      return c.json(caseView(foldCase(saved), s));
    },
  );
  routes.add(
    { method: 'post', path: '/api/my/cases', tag: 'residents', summary: 'Apply online for a matter that allows it; the case is placed where it is decided', access: resident, body: applyBody },
    async (c, { body, principal }) => {
      const p = residentOf(principal);
      const matter = s.reference.catalogue.get(body.matterCode);
      if (matter && !matter.online) throw new HallnetError('ERR_MATTER_NOT_ONLINE', matter.name, { issues: [{ field: 'matterCode', reason: 'not available online / 不能网上办理' }] });
      const org = matter ? placement(s, matter, body.org) : s.org;
      const level = levelOfPath(org);
      if (!level) throw new HallnetError('ERR_VALIDATION', `no hall at ${org}`, { issues: [{ field: 'org', reason: 'not a hall / 不是服务机构' }] });
      const applicant: Applicant = { kind: 'person', name: p.name, idType: 'resident-id', idNumber: p.idNumber, phone: p.phone };
      const actor = actorOf(principal, s.org);
      const doc = acceptCase(
        { matterCode: body.matterCode, applicant, received: body.received, channel: 'online' },
        { matter, org, level, actor, now: s.clock(), calendar: s.reference.calendar },
      );
      // The applying node stays a party, so the resident can follow the case where he applied.
      const placed = { ...doc, parties: [...new Set([org, s.org])] };
      const saved = await s.cases.create(placed);
      s.index.put(saved);
      return c.json(caseView(foldCase(saved), s), 201);
    },
  );
}
