import { revocationDocId, revocationSchema, type CertificateDoc } from '../../sync/index.js';
import type { Store } from '../store/store.js';

/** The certificate documents the city holds: district roots, and the halls' certificates districts relay. */
export interface CityCertificates {
  /** Those of an organisation (a district's root is among its district's). */
  of(org: string): Promise<CertificateDoc[]>;
  /** The one naming signing key `kid`, if the city holds it. */
  ofKid(kid: string): Promise<CertificateDoc | undefined>;
  /** When the certificate of serial `serial` was revoked, if its district relayed a revocation (ms). */
  revokedAt(serial: string): Promise<number | undefined>;
}

/**
 * The city's certificate documents, read from its store: a handful per district (its root, its
 * halls), so a miss simply reads them all again (a new hall's certificate, a newly enrolled
 * district) rather than following the feed.
 */
export function cityCertificates(store: Store): CityCertificates {
  let byOrg = new Map<string, CertificateDoc[]>();
  let byKid = new Map<string, CertificateDoc>();
  const reload = async () => {
    const orgs = new Map<string, CertificateDoc[]>();
    const kids = new Map<string, CertificateDoc>();
    let after: string | undefined;
    for (;;) {
      const page = await store.docsByPrefix('certificate:', { limit: 500, ...(after ? { after } : {}) });
      for (const d of page as unknown as CertificateDoc[]) {
        orgs.set(d.org, [...(orgs.get(d.org) ?? []), d]);
        kids.set(d.kid, d);
      }
      if (page.length < 500) break;
      after = page.at(-1)!._id;
    }
    byOrg = orgs;
    byKid = kids;
  };
  return {
    async of(org) {
      if (!byOrg.has(org)) await reload();
      return byOrg.get(org) ?? [];
    },
    async ofKid(kid) {
      if (!byKid.has(kid)) await reload();
      return byKid.get(kid);
    },
    async revokedAt(serial) {
      // Read each time: a revocation may arrive at any moment, and one read per signer is cheap beside a verify.
      const r = revocationSchema.safeParse(await store.get(revocationDocId('certificate', serial)));
      return r.success ? Date.parse(r.data.revokedAt) : undefined;
    },
  };
}
