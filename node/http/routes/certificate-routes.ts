import { z } from 'zod';
import {
  certificateDocId,
  certificateSchema,
  certSerialSchema,
  HallnetError,
  staff,
  type CertificateDoc,
} from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import { eachWithPrefix } from '../../store/each-with-prefix.js';
import { writeRevocation } from '../../store/write-revocation.js';
import type { NodeRoutes } from '../env.js';
import { actorOf } from './case-routes.js';

const serialParams = z.object({ serial: certSerialSchema });
const revokeBody = z.object({ reason: z.string().min(1).max(500) });

/** A certificate as the district's administrators see it: whose, until when, and whether revoked. */
function certificateView(c: CertificateDoc, s: NodeServices) {
  return {
    serial: c.serial,
    org: c.org,
    orgName: s.reference.orgName(c.org),
    name: c.name,
    level: c.level,
    issuerOrg: c.issuerOrg,
    notAfter: c.notAfter,
    revoked: s.reference.isRevoked(c.serial),
  };
}

/** Certificates are the district's to revoke (its root signs the write rule's exception): at its centre's node. */
function atDistrictCentre(s: NodeServices): void {
  if (s.org.includes('/'))
    throw new HallnetError('ERR_SCOPE_FORBIDDEN', `certificates are revoked by the district, not at ${s.org}`);
}

/**
 * 证书吊销: the district centre's administrators list the node certificates the district enrolled
 * and revoke one (a hall's key lost or stolen). The revocation replicates to every node and the
 * hub, which then refuse every token carrying that certificate, and events it signs afterwards.
 */
export function registerCertificateRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/certificates',
      tag: 'certificates',
      summary: "The district's node certificates, each with its organisation, end and standing (the district centre)",
      access: staff('admin'),
    },
    async (c) => {
      atDistrictCentre(s);
      const items: ReturnType<typeof certificateView>[] = [];
      await eachWithPrefix(s.db, 'certificate:', (_id, doc) => {
        const parsed = certificateSchema.safeParse(doc);
        if (parsed.success && !parsed.data.cityCertPem) items.push(certificateView(parsed.data, s));
      });
      return c.json({ items });
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/certificates/:serial/revoke',
      tag: 'certificates',
      summary: "Revoke a node's certificate for good (its key lost or stolen), signed by the district centre's node",
      access: staff('admin'),
      params: serialParams,
      body: revokeBody,
    },
    async (c, { params, body, principal }) => {
      atDistrictCentre(s);
      const held = certificateSchema.safeParse(await s.db.get(certificateDocId(params.serial)).catch(() => undefined));
      if (!held.success) throw new HallnetError('ERR_NOT_FOUND', `no certificate ${params.serial}`);
      // Revoking the key this node signs with would leave the district no node to write the next revocation.
      if (held.data.kid === s.guard.signer.kid)
        throw new HallnetError(
          'ERR_SCOPE_FORBIDDEN',
          "this node's own certificate is replaced at enrolment, not revoked here",
        );
      await writeRevocation(s.guard, 'certificate', params.serial, {
        org: s.org,
        author: actorOf(principal, s.org),
        reason: body.reason,
        at: s.clock().toISOString(),
      });
      return c.json({ ...certificateView(held.data, s), revoked: true });
    },
  );
}
