import type { Logger } from 'pino';
import { signNodeToken } from '../identity/index.js';
import { HUB_AUDIENCE } from '../sync/index.js';
import { HubSync } from '../sync/node-only.js';

export interface HubLinkOptions {
  hubUrl: string;
  keyPem: string;
  chainPem: string[];
  logger: Logger;
  clock: () => Date;
}

const TOKEN_SECONDS = 120;

/**
 * Starts live sync with the district hub, proving the node with short tokens signed by its own key
 * and carrying its chain. A token is reused until 30 s before it expires, so a busy replication
 * does not sign on every request.
 */
export async function startHubLink(db: PouchDB.Database, opts: HubLinkOptions): Promise<HubSync> {
  let cached: { token: string; until: number } | undefined;
  const token = async () => {
    const now = opts.clock();
    if (!cached || now.getTime() >= cached.until) {
      const t = await signNodeToken({ keyPem: opts.keyPem, chainPem: opts.chainPem, audience: HUB_AUDIENCE, ttlSeconds: TOKEN_SECONDS, now });
      cached = { token: t, until: now.getTime() + (TOKEN_SECONDS - 30) * 1000 };
    }
    return cached.token;
  };
  let last = '';
  const sync = new HubSync(db, {
    remoteUrl: `${opts.hubUrl}/db`,
    token,
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
