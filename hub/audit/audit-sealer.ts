import { sign } from 'node:crypto';
import type { Logger } from 'pino';
import type { AuditKey } from './audit-key.js';
import type { AuditLog } from './audit-log.js';
import { sealPayload } from './seal-payload.js';

/** A running sealer: `stop` seals what is left, once. */
export interface AuditSealer {
  sealNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Seals the log every `intervalMs` when something was appended since the last seal, and once
 * more when stopped: a seal entry signed with the hub's key over the chain up to it, so entries
 * before a seal cannot be changed, removed or reordered without the key.
 */
export function startAuditSealer(
  log: AuditLog,
  key: AuditKey,
  opts: { instance: string; intervalMs: number; logger: Logger },
): AuditSealer {
  let sealing: Promise<void> = Promise.resolve();
  const sealNow = () => {
    sealing = sealing
      .then(async () => {
        if (log.sinceSeal === 0 || log.failure) return;
        await log.append([
          (link) => {
            const body = { kind: 'seal' as const, instance: opts.instance, publicKey: key.publicKeyPem };
            return {
              ...body,
              signature: sign(null, sealPayload({ ...body, ...link }), key.privateKey).toString('base64'),
            };
          },
        ]);
      })
      .catch((err: unknown) => opts.logger.error({ err }, 'audit log seal failed'));
    return sealing;
  };
  const timer = setInterval(() => void sealNow(), opts.intervalMs);
  timer.unref();
  return {
    sealNow,
    async stop() {
      clearInterval(timer);
      await sealNow();
    },
  };
}
