import { z } from 'zod';
import {
  applicantSchema,
  HallnetError,
  idTypeSchema,
  orgPathSchema,
  staff,
  type Actor,
  type CaseDoc,
  type Right,
} from '../../../sync/index.js';
import { acceptCase } from '../../domain/accept-case.js';
import { decideAction } from '../../domain/case-actions.js';
import { foldCase, type CaseState } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { Principal } from '../../../identity/index.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema } from '../path-params.js';
import { staffSees } from '../staff-sees.js';
import { pausedDays } from '../../domain/traffic-light.js';
import { libraryPickSchema, resolvePicks } from '../../library/resolve-picks.js';

const acceptBody = z.object({
  matterCode: z.string().min(1).max(50),
  applicant: applicantSchema,
  received: z.array(z.string().max(40)).max(100).default([]),
  /** Materials taken from the applicant's library instead of paper (免提交). */
  library: z.array(libraryPickSchema).max(50).default([]),
  /** Materials the applicant stands for by the 告知承诺书 he signed at the window (level D). */
  commitments: z.array(z.string().max(40)).max(20).default([]),
});

const listQuery = z.object({
  status: z.enum(['pre-review', 'processing', 'completed', 'rejected', 'withdrawn', 'refused']).optional(),
  channel: z.enum(['window', 'online']).optional(),
  /** 查询码, the applicant's name or ID number, the matter's name or code. */
  q: z.string().max(100).optional(),
  light: z.enum(['green', 'yellow', 'red', 'paused']).optional(),
  matter: z.string().max(50).optional(),
  department: orgPathSchema.optional(),
  org: orgPathSchema.optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const eventBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('material-received'),
    materialId: z.string().min(1).max(40),
    note: z.string().max(300).optional(),
  }),
  z.object({
    kind: z.literal('completed'),
    result: z.string().max(500).optional(),
    validUntil: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ kind: z.literal('rejected'), reason: z.string().min(1).max(500) }),
  z.object({ kind: z.literal('withdrawn'), reason: z.string().max(500).optional() }),
  z.object({ kind: z.literal('forwarded'), to: orgPathSchema, note: z.string().max(500).optional() }),
  z.object({
    kind: z.literal('returned'),
    to: orgPathSchema,
    note: z.string().min(1).max(500),
    materials: z.array(z.string().max(40)).max(50),
  }),
  z.object({ kind: z.literal('supplemented'), materials: z.array(z.string().max(40)).min(1).max(50) }),
  z.object({ kind: z.literal('stage-started'), stage: z.number().int().min(0).max(20).optional() }),
  z.object({
    kind: z.literal('approved'),
    stage: z.number().int().min(0).max(20),
    note: z.string().max(500).optional(),
  }),
  z.object({ kind: z.literal('declined'), stage: z.number().int().min(0).max(20), reason: z.string().min(1).max(500) }),
  z.object({ kind: z.literal('extended'), days: z.number().int().min(1).max(60), reason: z.string().min(1).max(500) }),
  z.object({
    kind: z.literal('delivered'),
    method: z.enum(['window', 'locker', 'courier']),
    courier: z.string().max(40).optional(),
    tracking: z.string().max(60).optional(),
  }),
  z.object({ kind: z.literal('picked-up') }),
  // 告知承诺 核查: what the check found, and how it was checked.
  z.object({
    kind: z.literal('commitment-checked'),
    outcome: z.enum(['true', 'false']),
    note: z.string().min(1).max(200),
  }),
]);

/** The right each event kind needs: taking materials is the window's, closing a case the deliverer's. */
const EVENT_RIGHTS: Record<z.infer<typeof eventBody>['kind'], Right> = {
  'material-received': 'case.accept',
  supplemented: 'case.accept',
  withdrawn: 'case.accept',
  forwarded: 'case.forward',
  returned: 'case.forward',
  'stage-started': 'case.forward',
  approved: 'case.approve',
  declined: 'case.approve',
  extended: 'case.deliver',
  completed: 'case.deliver',
  rejected: 'case.deliver',
  delivered: 'case.deliver',
  'picked-up': 'case.deliver',
  'commitment-checked': 'case.deliver',
};

const caseParams = z.object({ id: caseIdSchema });

const residentQuery = z.object({ idType: idTypeSchema, idNumber: z.string().min(1).max(40) });

/** The actor recorded on events: who did it, at which node. */
export function actorOf(p: Principal | undefined, org: string): Actor {
  if (!p) throw new HallnetError('ERR_UNAUTHENTICATED');
  return { id: `${p.kind}:${p.id}`, name: p.name, org: p.kind === 'staff' ? p.org : org };
}

/** A case as staff see it: its state, its light and the materials of the matter's version it was accepted under, by name. */
export function caseView(state: CaseState, s: NodeServices) {
  const matter = s.reference.catalogue.ofCase(state);
  const names = new Map(matter?.materials.map((m) => [m.id, m.name]));
  return {
    ...state,
    matterMaterials: (matter?.materials ?? []).map(({ id, name, necessity }) => ({ id, name, necessity })),
    light: s.index.lightOf(state, s.clock()),
    pausedDays: pausedDays(state, s.clock(), s.reference.calendar),
    scopeName: s.reference.orgName(state.scope),
    departmentName: s.reference.orgName(state.department),
    outstanding: state.outstanding.map((id) => ({ id, name: names.get(id) ?? id })),
    received: state.received.map((id) => ({ id, name: names.get(id) ?? id })),
    commitments: state.commitments.map((c) => ({ ...c, name: names.get(c.materialId) ?? c.materialId })),
  };
}

/** 综合受理 at the window: accept, list, read and act on cases (clerks of this node's subtree). */
export function registerCaseRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'post',
      path: '/api/cases',
      tag: 'cases',
      summary: 'Accept a case at the window, checking its materials',
      access: staff('clerk', 'director'),
      right: 'case.accept',
      body: acceptBody,
    },
    async (c, { body, principal }) => {
      const actor = actorOf(principal, s.org);
      const matter = s.reference.catalogue.get(body.matterCode);
      const holder = { idType: body.applicant.idType, idNumber: body.applicant.idNumber };
      // 免提交: what the applicant's library spares him, each item checked here before it is taken.
      const library =
        matter && body.library.length
          ? await resolvePicks(body.library, matter, holder, () => s.library.of(holder, { window: true }), s.licences)
          : [];
      const doc = acceptCase(
        { ...body, library, channel: 'window' },
        { matter, org: s.org, level: s.level, actor, now: s.clock(), calendar: s.reference.calendar },
      );
      const saved = await s.cases.create(doc);
      s.index.put(saved);
      const state = foldCase(saved);
      s.residents.note(body.applicant, actor, doc.at);
      // 即办件 done at the counter: the clerk's window device offers its rating at once.
      const ratingOffer =
        state.status === 'completed'
          ? await s.supervision.ratings.offerWhenFinished(principal!, { caseId: state.id })
          : null;
      return c.json({ ...caseView(state, s), ratingOffer }, 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/cases',
      tag: 'cases',
      summary: 'List cases held at this node, with filters and paging',
      access: staff('clerk', 'back-office', 'director', 'supervisor'),
      query: listQuery,
    },
    (c, { query, principal }) => {
      const { offset, limit, ...filter } = query;
      if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const page = s.index.list({ ...filter, seenBy: principal.org }, s.clock(), offset, limit);
      return c.json({ ...page, items: page.items.map((st) => caseView(st, s)) });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/cases/:id',
      tag: 'cases',
      summary: 'One case with its whole event log',
      access: staff('clerk', 'back-office', 'director', 'supervisor'),
      params: caseParams,
    },
    async (c, { params, principal }) => {
      const doc = await s.cases.get(`case:${params.id}`);
      // A case the node does not act on (planted through an old hub) is not shown either.
      const state = doc && s.index.trusted(doc);
      if (!state || !staffSees(principal, state.parties))
        throw new HallnetError('ERR_NOT_FOUND', `no case ${params.id}`);
      return c.json(caseView(state, s));
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/cases/:id/events',
      tag: 'cases',
      summary:
        'Act on a case: materials, forwarding, return for materials, stages and approvals, extension, completion, delivery (each kind needs its right)',
      access: staff('clerk', 'back-office', 'director'),
      params: caseParams,
      body: eventBody,
    },
    async (c, { params, body, principal, requireRight }) => {
      await requireRight(EVENT_RIGHTS[body.kind]);
      const actor = actorOf(principal, s.org);
      let added = 0;
      const saved = await s.cases.append(`case:${params.id}`, actor, (current: CaseDoc) => {
        // Decided on the case as this node trusts it: events that fail their checks do not count.
        const state = s.index.trusted(current);
        if (!state || !staffSees(principal, state.parties))
          throw new HallnetError('ERR_NOT_FOUND', `no case ${params.id}`);
        const ctx = {
          matter: s.reference.catalogue.ofCase(state),
          actor,
          actorOrg: actor.org,
          nodeOrg: s.org,
          now: s.clock(),
          calendar: s.reference.calendar,
        };
        const decision = decideAction(state, body, ctx);
        added = decision.events.length;
        return decision;
      });
      if (!added) return c.json(caseView(s.index.trusted(saved)!, s), 200);
      s.index.put(saved);
      const state = s.index.trusted(saved)!;
      if (body.kind === 'commitment-checked' && state.commitmentCheck?.outcome === 'false')
        await s.licences.revokeFor(state, `告知承诺经核查不实：${body.note}`, actor);
      // Completed, or its result handed out, with the resident at the counter: the window's device offers the rating.
      const finishing = body.kind === 'completed' || body.kind === 'delivered' || body.kind === 'picked-up';
      const ratingOffer =
        finishing && state.status === 'completed'
          ? await s.supervision.ratings.offerWhenFinished(principal!, { caseId: state.id })
          : null;
      return c.json({ ...caseView(state, s), ratingOffer }, 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/residents',
      tag: 'cases',
      summary:
        "一表一库: the details an applicant gave last time, to prefill the form; a department's desk at the center only for an applicant of a case it sees",
      access: staff('clerk'),
      query: residentQuery,
    },
    async (c, { query, principal }) => {
      // The register is the hall's (its parties are the hall): its own clerks read all of it; a
      // department's desk at the district center only the applicants of its department's cases.
      const reads =
        staffSees(principal, [s.org]) ||
        (principal?.kind === 'staff' &&
          s.index
            .list({ applicantId: query.idNumber, seenBy: principal.org }, s.clock(), 0, Number.MAX_SAFE_INTEGER)
            .items.some((seen) => seen.applicant.idType === query.idType));
      const applicant = reads ? await s.residents.find(query.idType, query.idNumber) : undefined;
      // Cut off from the hub, a miss is no answer about the district: say only this hall's register was searched.
      if (!applicant && s.sync && !s.sync.status().connected)
        throw new HallnetError('ERR_HUB_UNREACHABLE', "not in this hall's register; the hub cannot be reached", {
          detail: { onlyHere: true },
        });
      if (!applicant) throw new HallnetError('ERR_NOT_FOUND', 'no such applicant at this node');
      return c.json(applicant);
    },
  );
}
