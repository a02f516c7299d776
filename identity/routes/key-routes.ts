import { z } from 'zod';
import { anyone, districtStaff, HallnetError, node, orgPathSchema } from '../../sync/index.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';

const nodeStaffQuery = z.strictObject({ org: orgPathSchema });

/**
 * How long a change voids earlier tokens for nodes to know of: a day, longer than any token of ours
 * lives (the identity service's at most an hour, a node's its staffTokenSeconds).
 */
const VOIDED_KEPT_MS = 86_400_000;

/** The public keys, their rotation, and the staff verifiers a node needs to let its clerks in offline. */
export function registerKeyRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'get',
      path: '/.well-known/jwks.json',
      tag: 'keys',
      summary: 'The public keys access tokens verify with',
      access: anyone,
    },
    async (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(await s.keys.jwks());
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/keys/rotate',
      tag: 'keys',
      summary: 'Start signing with a new key; the old one stays published until its tokens expire',
      access: districtStaff('admin'),
    },
    async (c, { principal }) => {
      const duty = s.keyDuty?.();
      // Two instances rotating at once could retire each other's new key: one instance rotates, the others say so.
      if (duty && !duty.held)
        throw new HallnetError(
          'ERR_DUTY_ELSEWHERE',
          `key rotation is done by the hub instance holding the duty lease (${duty.holder ?? 'being chosen'}); retry`,
        );
      const kid = await s.keys.rotate();
      s.logger?.info({ kid, by: principal?.id }, 'signing key rotated');
      return c.json({ kid, jwks: await s.keys.jwks() });
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/identity/node-staff',
      tag: 'keys',
      summary: "The password verifiers of one organisation's own staff, for that organisation's node only",
      access: node,
      query: nodeStaffQuery,
    },
    async (c, { query, nodeOrg }) => {
      if (query.org !== nodeOrg) {
        throw new HallnetError(
          'ERR_SCOPE_FORBIDDEN',
          `a node of ${String(nodeOrg)} may not read the staff of ${query.org}`,
          {
            issues: [{ field: 'query.org', reason: "not the calling node's organisation / 不是调用节点自己的机构" }],
          },
        );
      }
      // A disabled account's verifier is withdrawn from its node with the next pull.
      const staff = (await s.store.listStaff(query.org)).filter((a) => !a.disabled);
      // Tokens issued before an account was disabled, moved, re-roled or reset are void at every
      // node: a moved clerk's token still names his old organisation, so the list is the district's.
      const since = s.clock().getTime() - VOIDED_KEPT_MS;
      const voided = (await s.store.listStaffWithin(s.district)).filter((a) => (a.validFrom ?? 0) > since);
      c.header('Cache-Control', 'no-store');
      return c.json({
        org: query.org,
        staff: staff.map((a) => ({
          account: a.account,
          name: a.name,
          org: a.org,
          roles: a.roles,
          verifier: a.verifier,
        })),
        voided: voided.map((a) => ({ account: a.account, from: a.validFrom! })),
      });
    },
  );
}
