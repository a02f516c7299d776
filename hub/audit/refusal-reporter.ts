import type { Logger } from 'pino';
import { refusalReportDocId, refusalReportDocSchema, type RefusalReportDoc } from '../../sync/index.js';
import { putDistrictDoc } from '../put-district-doc.js';
import type { Store } from '../store/store.js';
import type { AuditInput } from './audit-log.js';
import { RefusalTally } from './refusal-tally.js';

/** A running reporter: it is told what the audit log took, and publishes. */
export interface RefusalReporter {
  observe(entries: readonly AuditInput[]): void;
  /** Publishes what is not published yet, and stops. */
  stop(): Promise<void>;
}

export interface RefusalReporterOptions {
  instance: string;
  district: string;
  clock: () => Date;
  logger: Logger;
  /** How soon after a refusal the report is published (default 2 s): refusals come in bursts. */
  delayMs?: number;
  /** How often counts older than a day are dropped (default 10 minutes). */
  pruneMs?: number;
}

/**
 * Publishes this hub process's refused writes per node as the replicated `report:refusals:<instance>`
 * document, addressed to the district root only: shortly after refusals, and when counts age out
 * of the last day. It goes on from the report it published before a restart.
 */
export async function startRefusalReporter(store: Store, o: RefusalReporterOptions): Promise<RefusalReporter> {
  const id = refusalReportDocId(o.instance);
  const previous = refusalReportDocSchema.safeParse(await store.get(id));
  const tally = RefusalTally.from(previous.success ? previous.data : undefined);
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let publishing: Promise<void> = Promise.resolve();

  const publish = () => {
    timer = undefined;
    publishing = publishing.then(async () => {
      if (!dirty) return;
      dirty = false;
      const now = o.clock();
      const doc: RefusalReportDoc = {
        _id: id,
        type: 'report',
        kind: 'refusals',
        instance: o.instance,
        scope: o.district,
        parties: [o.district],
        author: { id: 'hub', name: o.instance, org: o.district },
        at: now.toISOString(),
        nodes: tally.nodes(),
      };
      await putDistrictDoc(store, doc).catch((err: unknown) => {
        dirty = true; // the next refusal or pruning tries again
        o.logger.warn({ err }, 'refusal report not published');
      });
    });
    return publishing;
  };
  const soon = () => {
    dirty = true;
    timer ??= setTimeout(() => void publish(), o.delayMs ?? 2_000);
    timer.unref();
  };
  const pruner = setInterval(() => tally.prune(o.clock()) && soon(), o.pruneMs ?? 600_000);
  pruner.unref();

  return {
    observe(entries) {
      let refused = false;
      for (const e of entries) {
        if (typeof e === 'function' || e.kind !== 'write' || e.decision !== 'refused') continue;
        tally.add({ node: e.node, id: e.id, reason: e.reason ?? '', at: o.clock() });
        refused = true;
      }
      if (refused) soon();
    },
    async stop() {
      clearInterval(pruner);
      clearTimeout(timer);
      await publish();
    },
  };
}
