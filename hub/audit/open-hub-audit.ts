import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import { loadOrCreateAuditKey } from './audit-key.js';
import { AuditLog, type AuditSink } from './audit-log.js';
import { startAuditSealer } from './audit-sealer.js';
import { auditedStore } from './audited-store.js';
import { startRefusalReporter } from './refusal-reporter.js';

/** The hub's audit log as the hub process uses it. */
export interface HubAudit {
  /** For the gateway: every `_bulk_docs` decision goes here (and refusals on to the district's report). */
  sink: AuditSink;
  /** The store as one of the hub's own writers (`seed`, `jwks`, `compactor`, `hub`) sees it: its writes are logged. */
  store(by: string): Store;
  /** Seals what is unsealed and closes the log. */
  close(): Promise<void>;
}

export interface HubAuditOptions {
  dataDir: string;
  instance: string;
  district: string;
  sealSeconds: number;
  clock: () => Date;
  logger: Logger;
}

/** Opens this hub process's audit log in `<dataDir>/audit/`, with its sealing key and sealer. */
export async function openHubAudit(store: Store, o: HubAuditOptions): Promise<HubAudit> {
  const dir = join(o.dataDir, 'audit');
  const key = loadOrCreateAuditKey(dir, o.instance);
  const log = await AuditLog.open({
    dir,
    instance: o.instance,
    district: o.district,
    storeSeq: async () => (await store.info()).updateSeq,
    clock: o.clock,
  });
  const sealer = startAuditSealer(log, key, {
    instance: o.instance,
    intervalMs: o.sealSeconds * 1000,
    logger: o.logger,
  });
  const reporter = await startRefusalReporter(auditedStore(store, log, 'report'), {
    instance: o.instance,
    district: o.district,
    clock: o.clock,
    logger: o.logger,
  });
  o.logger.info({ log: log.path, key: key.fingerprint }, 'audit log open');
  return {
    sink: {
      async append(entries) {
        await log.append(entries);
        reporter.observe(entries);
      },
      get failure() {
        return log.failure;
      },
    },
    store: (by) => auditedStore(store, log, by),
    async close() {
      await reporter.stop();
      await sealer.stop();
      await log.close();
    },
  };
}
