import { z } from 'zod';
import { anyone, HallnetError, isWithin, licenceNumberSchema, RateLimiter, staff } from '../../../sync/index.js';
import { nodeClientAddress as clientAddress } from '../../../identity/adapter/node/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { actorOf } from './case-routes.js';

const numberParams = z.object({ number: licenceNumberSchema });

/**
 * 电子证照: public verification of a licence by its number (what its QR code opens) — validity
 * only, no personal data, answered offline from the register every hall holds — and revocation by
 * the issuing office or one above it.
 */
export function registerLicenceRoutes(
  routes: NodeRoutes,
  s: NodeServices,
  limiter = new RateLimiter(60, 60_000, s.clock),
): void {
  routes.add(
    {
      method: 'get',
      path: '/api/licences/:number',
      tag: 'licences',
      summary:
        'Verify an electronic licence: type, issuing office, validity and standing (seal, issuing node, revocation, expiry), checked offline at this hall; nothing about its holder',
      access: anyone,
      params: numberParams,
      before: (c) => limiter.hit(clientAddress(c)),
    },
    async (c, { params }) => {
      const { doc, status } = await s.licences.status(params.number);
      if (!doc) throw new HallnetError('ERR_NOT_FOUND', 'no such licence in the register', { detail: { status } });
      return c.json({
        number: doc.number,
        licenceName: doc.licenceName,
        matterName: s.reference.catalogue.get(doc.matterCode)?.name ?? doc.matterCode,
        issuerName: doc.issuerName,
        issuedAt: doc.issuedAt,
        validUntil: doc.validUntil ?? null,
        holderKind: doc.holderKind,
        status,
        revokedAt: doc.revoked?.at ?? null,
      });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/licences/:number/revoke',
      tag: 'licences',
      summary:
        '吊销: revoke an electronic licence this office (or one below it) issued; it shows invalid at every hall once the register reaches it',
      access: staff('director', 'clerk'),
      right: 'case.deliver',
      params: numberParams,
      body: z.object({ reason: z.string().min(1).max(300) }),
    },
    async (c, { params, body, principal }) => {
      const actor = actorOf(principal, s.org);
      const held = await s.licences.get(params.number);
      if (!held) throw new HallnetError('ERR_NOT_FOUND', 'no such licence in the register');
      if (!isWithin(held.issuer, actor.org))
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${held.issuer} issued it`, {
          issues: [
            { field: 'number', reason: `issued by ${held.issuer} / 由 ${held.issuerName} 签发，本机构不能吊销` },
          ],
        });
      const doc = await s.licences.revoke(params.number, body.reason, actor);
      return c.json({
        number: doc.number,
        revokedAt: doc.revoked?.at,
        status: (await s.licences.status(doc.number)).status,
      });
    },
  );
}
