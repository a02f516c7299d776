import type { Logger } from 'pino';
import { revocationSchema } from '../sync/index.js';
import { followStore } from './follow-store.js';
import type { Store } from './store/store.js';

/** The serials of revoked node certificates, kept current from the store's revocation documents. */
export function followRevokedCertificates(
  store: Store,
  logger: Logger,
): { has(serial: string): boolean; ready: Promise<void>; stop(): void } {
  const revoked = new Set<string>();
  const follower = followStore(
    store,
    'revocation:certificate:',
    (doc) => {
      const r = revocationSchema.safeParse(doc);
      if (r.success && r.data.what === 'certificate') revoked.add(r.data.target.toLowerCase());
    },
    logger,
  );
  return { has: (serial) => revoked.has(serial.toLowerCase()), ready: follower.ready, stop: follower.stop };
}
