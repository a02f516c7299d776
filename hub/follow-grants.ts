import type { Logger } from 'pino';
import { GrantBook } from '../identity/index.js';
import { revocationSchema } from '../sync/index.js';
import { followStore } from './follow-store.js';
import type { Store } from './store/store.js';

/** The district's grants and grant revocations as the store holds them, kept current for the write rule. */
export function followGrants(
  store: Store,
  opts: { rootPem: string; clock: () => Date; isCertRevoked: (serial: string) => boolean; logger: Logger },
): { book: GrantBook; ready: Promise<void>; stop(): void } {
  const book = new GrantBook({ rootPem: () => opts.rootPem, clock: opts.clock, isCertRevoked: opts.isCertRevoked });
  const grants = followStore(store, 'grant:', (doc) => book.add(doc), opts.logger);
  const revocations = followStore(
    store,
    'revocation:grant:',
    (doc) => {
      const r = revocationSchema.safeParse(doc);
      if (r.success && r.data.what === 'grant') book.revoke(r.data.target);
    },
    opts.logger,
  );
  return {
    book,
    ready: Promise.all([grants.ready, revocations.ready]).then(() => undefined),
    stop() {
      grants.stop();
      revocations.stop();
    },
  };
}
