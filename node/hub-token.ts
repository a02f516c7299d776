import { signNodeToken } from '../identity/index.js';
import { HUB_AUDIENCE } from '../sync/index.js';

const TOKEN_SECONDS = 120;

/**
 * Short tokens that prove this node to the hub, signed by its own key and carrying its chain. A
 * token is reused until 30 s before it expires, so a busy replication does not sign on every request.
 */
export function hubTokenSource(keyPem: string, chainPem: string[], clock: () => Date): () => Promise<string> {
  let cached: { token: string; until: number } | undefined;
  return async function hubToken() {
    const now = clock();
    if (!cached || now.getTime() >= cached.until) {
      const token = await signNodeToken({ keyPem, chainPem, audience: HUB_AUDIENCE, ttlSeconds: TOKEN_SECONDS, now });
      cached = { token, until: now.getTime() + (TOKEN_SECONDS - 30) * 1000 };
    }
    return cached.token;
  };
}
