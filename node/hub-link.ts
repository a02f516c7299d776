import type { Logger } from 'pino';
import { HubSync } from '../sync/node-only.js';

export interface HubLinkOptions {
  hubUrl: string;
  token: () => Promise<string>;
  logger: Logger;
  clock: () => Date;
  /** Called each time the link comes back after being down (not at the first connection). */
  onReconnect?: () => void;
  /** Called when the hub refuses this node's credentials (401), at most once a minute. */
  onRefused?: () => void;
}

/** How often a hub refusing the node's credentials sets off `onRefused`. */
const REFUSED_EVERY_MS = 60_000;

/**
 * Starts live sync with the district hub and logs each change of its state once, and each document
 * the hub refused with the write rule's own words (the pages show them in Chinese).
 */
export async function startHubLink(db: PouchDB.Database, opts: HubLinkOptions): Promise<HubSync> {
  let last = '';
  let wasOffline = false;
  let lastRefusal = '';
  let refusedAt = Number.NEGATIVE_INFINITY;
  const sync = new HubSync(db, {
    remoteUrl: `${opts.hubUrl}/db`,
    token: opts.token,
    clock: opts.clock,
    onStatus: (s) => {
      const line = `${s.state}:${s.connected}:${s.lastError ?? ''}:${s.refused.length}`;
      if (line !== last)
        opts.logger.info(
          { sync: { state: s.state, connected: s.connected, error: s.lastError, refused: s.refused.length } },
          'hub sync',
        );
      last = line;
      if (s.state === 'offline') wasOffline = true;
      if (s.state === 'offline' && /^401\b/.test(s.lastError ?? '') && Date.now() - refusedAt > REFUSED_EVERY_MS) {
        refusedAt = Date.now();
        opts.onRefused?.();
      } else if (s.connected && wasOffline) {
        wasOffline = false;
        opts.onReconnect?.();
      }
      const fresh = s.refused.slice(s.refused.findLastIndex((r) => `${r.id}@${r.at}` === lastRefusal) + 1);
      for (const r of fresh) opts.logger.warn({ refused: r }, 'hub refused a document');
      const newest = s.refused.at(-1);
      if (newest) lastRefusal = `${newest.id}@${newest.at}`;
    },
  });
  await sync.start();
  return sync;
}
