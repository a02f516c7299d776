import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { issueGrant } from '../../../identity/index.js';
import {
  granteeSchema,
  HallnetError,
  isWithin,
  orgPathSchema,
  rightSchema,
  staff,
  type GrantPayload,
} from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import { writeRevocation } from '../../store/write-revocation.js';
import type { NodeRoutes } from '../env.js';
import { grantIdSchema } from '../path-params.js';
import { actorOf } from './case-routes.js';

const grantBody = z.object({
  grantee: granteeSchema,
  subtree: orgPathSchema,
  rights: z.array(rightSchema).min(1).max(20),
  categories: z.array(z.number().int().min(1).max(15)).min(1).optional(),
  departments: z.array(orgPathSchema).min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  until: z.iso.datetime({ offset: true }),
});

const revokeBody = z.object({ reason: z.string().min(1).max(500) });

/** 分级授权 at a node: its administrators pass on part of what their organisation holds, list grants, revoke. */
export function registerGrantRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/grants',
      tag: 'grants',
      summary: 'Every grant held here with its standing (the audit trail of who granted what)',
      access: staff('admin', 'director', 'supervisor'),
    },
    async (c) => {
      const items = await Promise.all(
        s.reference.grants.list().map(async (g) => ({
          grantId: g.grantId,
          ...g.payload,
          author: g.author,
          at: g.at,
          status: await s.reference.grants.status(g.grantId),
        })),
      );
      return c.json({ items });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/grants',
      tag: 'grants',
      summary: "Pass on part of this organisation's rights to its subtree, signed with this node's key",
      access: staff('admin'),
      right: 'grant',
      body: grantBody,
    },
    async (c, { body, principal }) => {
      if (!s.signer)
        throw new HallnetError('ERR_CONFIG', 'this node is not enrolled: it has no key the district trusts');
      if (
        !isWithin(body.grantee.org, s.org) ||
        (body.grantee.org === s.org && !('role' in body.grantee || 'account' in body.grantee))
      ) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `grant to ${body.grantee.org} from ${s.org}`, {
          issues: [
            {
              field: 'grantee.org',
              reason:
                'must be below this organisation, or a role or person of it / 只能授予下级机构或本机构的岗位、人员',
            },
          ],
        });
      }
      const now = s.clock();
      const nbf = Math.floor(Date.parse(body.from ?? now.toISOString()) / 1000);
      const exp = Math.floor(Date.parse(body.until) / 1000);
      // The narrowest holding of this organisation that covers the request becomes the parent.
      const parent = (await s.reference.grants.holdings({ org: s.org }))
        .filter(
          (h) =>
            h.rights.includes('grant') &&
            body.rights.every((r) => h.rights.includes(r)) &&
            isWithin(body.subtree, h.subtree) &&
            h.exp >= exp,
        )
        .filter(
          (h) =>
            (!h.categories || body.categories?.every((x) => h.categories!.includes(x))) &&
            (!h.departments || body.departments?.every((d) => h.departments!.includes(d))),
        )
        .sort((a, b) => a.exp - b.exp)[0];
      if (!parent)
        throw new HallnetError(
          'ERR_RIGHT_MISSING',
          `${s.org} holds no grant it may pass on for ${body.rights.join(', ')} over ${body.subtree} until ${body.until}`,
        );
      const payload: GrantPayload = {
        v: 1,
        grantor: s.org,
        grantee: body.grantee,
        subtree: body.subtree,
        rights: body.rights,
        ...(body.categories ? { categories: body.categories } : {}),
        ...(body.departments ? { departments: body.departments } : {}),
        nbf: Math.max(nbf, s.reference.grants.get(parent.grantId)!.payload.nbf),
        exp,
        parent: parent.grantId,
        jti: randomUUID(),
      };
      const doc = await issueGrant(payload, s.signer, actorOf(principal, s.org), now);
      await s.guard.put(doc);
      s.reference.grants.add(doc);
      return c.json({ grantId: doc.grantId, ...payload, status: await s.reference.grants.status(doc.grantId) }, 201);
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/grants/:id/revoke',
      tag: 'grants',
      summary: 'Revoke a grant made in this subtree; everything granted below it falls too',
      access: staff('admin'),
      right: 'grant',
      params: z.object({ id: grantIdSchema }),
      body: revokeBody,
    },
    async (c, { params, body, principal }) => {
      const id = params.id;
      const target = s.reference.grants.get(id);
      if (!target) throw new HallnetError('ERR_NOT_FOUND', `no grant ${id}`);
      if (!isWithin(target.payload.grantor, s.org))
        throw new HallnetError(
          'ERR_SCOPE_FORBIDDEN',
          `the grant was made by ${target.payload.grantor}, outside ${s.org}`,
        );
      const author = actorOf(principal, s.org);
      // What this node writes must be its own: an admin of an office above revokes at that office's node.
      if (!isWithin(author.org, s.org)) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${author.org} revokes at its own node, not at ${s.org}`, {
          issues: [
            {
              field: 'id',
              reason: `revoke at the node of ${author.org} / 请在 ${s.reference.orgName(author.org)} 的节点撤销`,
            },
          ],
        });
      }
      await writeRevocation(s.guard, 'grant', id, {
        org: s.org,
        author: author,
        reason: body.reason,
        at: s.clock().toISOString(),
      });
      s.reference.grants.revoke(id);
      return c.json({ grantId: id, status: 'revoked' });
    },
  );
}
