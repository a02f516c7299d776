import { X509Certificate } from 'node:crypto';
import type { NodeServices } from '../../services.js';
import { CASE_FLAG_TEXT, staff } from '../../../sync/index.js';
import type { NodeRoutes } from '../env.js';
import { nodeWarnings } from '../../node-warnings.js';

/** The node's own state for its operators: the hub link, refused documents, events and cases that failed their checks, the certificate. */
export function registerStatusRoutes(
  routes: NodeRoutes,
  s: NodeServices,
  chainPem: readonly string[] | undefined,
): void {
  const leaf = chainPem?.[0] ? new X509Certificate(chainPem[0]) : undefined;
  routes.add(
    {
      method: 'get',
      path: '/api/status',
      tag: 'operations',
      summary:
        'Sync state, waiting and refused documents, certificate, warnings (calendar, certificate, rights running out; long offline)',
      access: staff('clerk', 'back-office', 'director', 'supervisor', 'admin'),
    },
    async (c) => {
      if (s.sync) await s.sync.refreshWaitingUp();
      return c.json({
        org: s.org,
        orgName: s.reference.orgName(s.org),
        level: s.level,
        cases: s.index.size,
        matters: s.reference.catalogue.size,
        sync: s.sync ? s.sync.status() : { state: 'alone', connected: false },
        // What this node holds but does not act on: events that failed their check, and cases not its own.
        integrity: {
          flagged: s.index
            .flagged()
            .map((f) => ({ ...f, flags: f.flags.map((x) => ({ ...x, reason: CASE_FLAG_TEXT[x.code] })) })),
          untrusted: s.index.untrusted(),
        },
        // Calendars, certificate and case rights running out, and a long time offline (node-warnings.ts).
        warnings: await nodeWarnings(s),
        certificate: leaf
          ? {
              subject: leaf.subject,
              issuer: leaf.issuer,
              serial: leaf.serialNumber.toLowerCase(),
              validTo: new Date(leaf.validTo).toISOString(),
              fingerprint: leaf.fingerprint256,
            }
          : null,
      });
    },
  );
}
