import { z } from 'zod';
import { newStaffSchema, phoneSchema, staffChangeSchema } from '../../../identity/index.js';
import {
  HallnetError,
  isBelow,
  isWithin,
  orgPathSchema,
  staff,
  staffChangeDocId,
  staffChangeDocSchema,
  type Actor,
} from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { actorOf } from './case-routes.js';

const listQuery = z.strictObject({ org: orgPathSchema.optional() });
const accountParams = z.object({ account: z.string().min(1).max(60) });
const createBody = newStaffSchema.extend({ phone: phoneSchema.optional() });

/**
 * 人员管理 at a node: its admins (staff.manage over it) list, create, disable, enable, move and
 * re-role the staff of the node's subtree, set a clerk's phone and start his password reset. The
 * identity service keeps the accounts: the node asks it through the hub with its own token (the
 * hub vouches for the node's organisation) and names the admin, and the service checks the member
 * of staff lies within both and writes the change into his audit trail. The node then pulls its own
 * verifiers and the void tokens at once, so a clerk disabled here is refused here at once.
 */
export function registerStaffRoutes(routes: NodeRoutes, s: NodeServices, hubUrl: string | undefined): void {
  async function identity(
    path: string,
    init: { method: 'GET' } | { method: 'POST'; body: unknown },
  ): Promise<Response> {
    if (!hubUrl || !s.hubToken)
      throw new HallnetError('ERR_HUB_UNREACHABLE', 'this node has no hub to reach the identity service through');
    let res: Response;
    try {
      res = await fetch(`${hubUrl}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${await s.hubToken()}`,
          ...(init.method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.method === 'POST' ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new HallnetError('ERR_HUB_UNREACHABLE', (err as Error).message, { cause: err });
    }
    // The service's answer, errors included (bilingual, naming the field), goes to the admin as it is.
    return new Response(await res.arrayBuffer(), {
      status: res.status,
      headers: { 'content-type': res.headers.get('content-type') ?? 'application/json', 'cache-control': 'no-store' },
    });
  }
  const refreshOwn = async () => {
    await s.staffPull
      ?.once()
      .catch((err: unknown) => s.logger.warn({ err: String(err) }, 'staff verifiers not pulled after a change'));
  };

  /**
   * Every other node hears of the change through its live replication (a `staff-change` document)
   * and pulls the void tokens at once; failing that, at its next periodic pull, as before.
   */
  const tellEveryNode = async (answer: Response, by: Actor) => {
    try {
      const { account } = (await answer.json()) as {
        account?: { account: string; org: string; validFrom: string | null };
      };
      if (!account?.validFrom) return;
      const id = staffChangeDocId(account.account);
      const raw = (await s.db.get(id).catch(() => undefined)) as { _rev?: string } | undefined;
      const held = staffChangeDocSchema.safeParse(raw);
      const from = Date.parse(account.validFrom);
      // Told already, unless by an office below this one (which may have dated its notice ahead).
      if (held.success && held.data.from >= from && !isBelow(held.data.scope, s.org)) return;
      await s.guard.put({
        _id: id,
        ...(raw?._rev ? { _rev: raw._rev } : {}),
        type: 'staff-change',
        scope: s.org,
        parties: [s.org],
        author: by,
        at: s.clock().toISOString(),
        account: account.account,
        org: account.org,
        from,
      });
    } catch (err) {
      s.logger.warn({ err: String(err) }, 'staff change not told to the other nodes; they learn it at their next pull');
    }
  };

  routes.add(
    {
      method: 'get',
      path: '/api/staff',
      tag: 'staff',
      summary:
        "The staff of this node's subtree (or of `org` below it) with each account's audit trail; no verifier, phones masked",
      access: staff('admin'),
      right: 'staff.manage',
      query: listQuery,
    },
    async (_c, { query }) => {
      const org = query.org ?? s.org;
      if (!isWithin(org, s.org))
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${org} is outside ${s.org}`, {
          issues: [{ field: 'query.org', reason: 'outside this node / 超出本节点机构范围' }],
        });
      return identity(`/identity/node-staff/accounts?org=${encodeURIComponent(org)}`, { method: 'GET' });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/staff/node-local',
      tag: 'staff',
      summary:
        'The accounts added at this node with `hallnet staff add` (offline login): who works here that the identity service does not list; read-only, managed at the node',
      access: staff('admin', 'director'),
    },
    async (c) => c.json({ items: await s.staff.addedHere() }),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/staff',
      tag: 'staff',
      summary:
        "Create a member of staff in this node's subtree (an initial password, optionally a phone for reset codes)",
      access: staff('admin'),
      right: 'staff.manage',
      body: createBody,
    },
    async (_c, { body, principal }) => {
      const res = await identity('/identity/node-staff/accounts', {
        method: 'POST',
        body: { staff: body, by: actorOf(principal, s.org) },
      });
      if (res.ok) await refreshOwn();
      return res;
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/staff/:account/changes',
      tag: 'staff',
      summary:
        "Disable, enable, move, re-role a member of staff of this node's subtree, set his phone or send him a password-reset code; his earlier logins end",
      access: staff('admin'),
      right: 'staff.manage',
      params: accountParams,
      body: staffChangeSchema,
    },
    async (_c, { params, body, principal }) => {
      const by = actorOf(principal, s.org);
      const res = await identity('/identity/node-staff/changes', {
        method: 'POST',
        body: { account: params.account, change: body, by },
      });
      if (res.ok) {
        await refreshOwn();
        await tellEveryNode(res.clone(), by);
      }
      return res;
    },
  );
}
