import { z } from 'zod';
import { anyone, districtStaff, HallnetError, node, orgPathSchema } from '../../sync/index.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';

const nodeStaffQuery = z.strictObject({ org: orgPathSchema });

/** The public keys, their rotation, and the staff verifiers a node needs to let its clerks in offline. */
export function registerKeyRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add({ method: 'get', path: '/.well-known/jwks.json', tag: 'keys', summary: 'The public keys access tokens verify with', access: anyone }, async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await s.keys.jwks());
  });

  routes.add(
    { method: 'post', path: '/identity/keys/rotate', tag: 'keys', summary: 'Start signing with a new key; the old one stays published until its tokens expire', access: districtStaff('admin') },
    async (c, { principal }) => {
      const kid = await s.keys.rotate();
      s.logger?.info({ kid, by: principal?.id }, 'signing key rotated');
      return c.json({ kid, jwks: await s.keys.jwks() });
    },
  );

  routes.add(
    { method: 'get', path: '/identity/node-staff', tag: 'keys', summary: "The password verifiers of one organisation's own staff, for that organisation's node only", access: node, query: nodeStaffQuery },
    async (c, { query, nodeOrg }) => {
      if (query.org !== nodeOrg) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `a node of ${String(nodeOrg)} may not read the staff of ${query.org}`, {
          issues: [{ field: 'query.org', reason: "not the calling node's organisation / 不是调用节点自己的机构" }],
        });
      }
      const staff = await s.store.listStaff(query.org);
      c.header('Cache-Control', 'no-store');
      return c.json({
        org: query.org,
        staff: staff.map((a) => ({ account: a.account, name: a.name, org: a.org, roles: a.roles, verifier: a.verifier })),
      });
    },
  );
}
