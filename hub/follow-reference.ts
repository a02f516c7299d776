import type { Logger } from 'pino';
import { matterSchema, organisationSchema, type Matter } from '../sync/index.js';
import { followStore } from './follow-store.js';
import type { Store } from './store/store.js';

/** The district's published catalogue and organisation names, as the write rule reads them at the hub. */
export interface HubReference {
  matter(code: string): Matter | undefined;
  orgName(path: string): string;
}

/** Keeps the catalogue and the organisations the store holds current, for the write rule (forward targets, stages, notice texts). */
export function followReference(store: Store, logger: Logger): HubReference & { ready: Promise<void>; stop(): void } {
  const matters = new Map<string, Matter>();
  const names = new Map<string, string>();
  const catalogue = followStore(
    store,
    'matter:',
    (doc) => {
      const r = matterSchema.safeParse(doc);
      if (r.success) matters.set(r.data.code, r.data);
    },
    logger,
  );
  const organisations = followStore(
    store,
    'org:',
    (doc) => {
      const r = organisationSchema.safeParse(doc);
      if (r.success) names.set(r.data.path, r.data.name);
    },
    logger,
  );
  return {
    matter: (code) => matters.get(code),
    orgName: (path) => names.get(path) ?? path,
    ready: Promise.all([catalogue.ready, organisations.ready]).then(() => undefined),
    stop() {
      catalogue.stop();
      organisations.stop();
    },
  };
}
