import type { Logger } from 'pino';
import { chinaDate, matterInForce, matterSchema, organisationSchema, type Matter } from '../sync/index.js';
import { followStore } from './follow-store.js';
import type { Store } from './store/store.js';

/** The district's published catalogue and organisation names, as the write rule reads them at the hub. */
export interface HubReference {
  /** The matter's version in force today, or (with `version`) that published version: a case's own. */
  matter(code: string, version?: number): Matter | undefined;
  orgName(path: string): string;
}

/** Keeps the catalogue and the organisations the store holds current, for the write rule (forward targets, stages, notice texts). */
export function followReference(
  store: Store,
  logger: Logger,
  clock: () => Date = () => new Date(),
): HubReference & { ready: Promise<void>; stop(): void } {
  // Every published version by code; the write rule reads the one in force today, as the windows do.
  const matters = new Map<string, Matter[]>();
  const names = new Map<string, string>();
  const catalogue = followStore(
    store,
    'matter:',
    (doc) => {
      const r = matterSchema.safeParse(doc);
      if (r.success)
        matters.set(r.data.code, [
          ...(matters.get(r.data.code) ?? []).filter((m) => m.version !== r.data.version),
          r.data,
        ]);
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
    matter: (code, version) =>
      version === undefined
        ? matterInForce(matters.get(code) ?? [], chinaDate(clock()))
        : matters.get(code)?.find((m) => m.version === version),
    orgName: (path) => names.get(path) ?? path,
    ready: Promise.all([catalogue.ready, organisations.ready]).then(() => undefined),
    stop() {
      catalogue.stop();
      organisations.stop();
    },
  };
}
