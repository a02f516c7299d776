import type { CertificateDoc } from '../../sync/index.js';
import type { Store } from '../store/store.js';
import type { CityCertificates } from './city-write-policy.js';

/**
 * The city's certificate documents by organisation, read from its store: a handful per district
 * (its root, its halls), so a miss simply reads them all again (a new hall's certificate, a newly
 * enrolled district) rather than following the feed.
 */
export function cityCertificates(store: Store): CityCertificates {
  let byOrg = new Map<string, CertificateDoc[]>();
  const reload = async () => {
    const next = new Map<string, CertificateDoc[]>();
    let after: string | undefined;
    for (;;) {
      const page = await store.docsByPrefix('certificate:', { limit: 500, ...(after ? { after } : {}) });
      for (const d of page as unknown as CertificateDoc[]) next.set(d.org, [...(next.get(d.org) ?? []), d]);
      if (page.length < 500) break;
      after = page.at(-1)!._id;
    }
    byOrg = next;
  };
  return async function certificatesOf(org) {
    if (!byOrg.has(org)) await reload();
    return byOrg.get(org) ?? [];
  };
}
