import type { Logger } from 'pino';
import { HubSync } from '../sync/node-only.js';

export interface HubLinkOptions {
  hubUrl: string;
  token: () => Promise<string>;
  logger: Logger;
  clock: () => Date;
}

/** Starts live sync with the district hub and logs each change of its state once. */
export async function startHubLink(db: PouchDB.Database, opts: HubLinkOptions): Promise<HubSync> {
  let last = '';
  const sync = new HubSync(db, {
    remoteUrl: `${opts.hubUrl}/db`,
    token: opts.token,
    clock: opts.clock,
    onStatus: (s) => {
      const line = `${s.state}:${s.connected}:${s.lastError ?? ''}:${s.refused.length}`;
      if (line !== last) opts.logger.info({ sync: { state: s.state, connected: s.connected, error: s.lastError, refused: s.refused.length } }, 'hub sync');
      last = line;
    },
  });
  await sync.start();
  return sync;
}
