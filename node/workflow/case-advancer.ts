import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PeriodicPass } from '../periodic-pass.js';
import type { Actor, CaseEvent } from '../../sync/index.js';
import { nextStage, stagesDone } from '../domain/stage-rules.js';
import type { CaseIndex } from '../store/case-index.js';
import type { CaseStore } from '../store/case-store.js';
import type { ReferenceData } from '../store/reference-data.js';

const TICK_MS = 2_000;

/**
 * Moves parallel approval on when departments approve concurrently: the department that approves
 * last as it sees things starts the next stage itself, but two departments approving apart may each
 * think the other is still pending. So the organisation holding the case (the coordination desk)
 * starts the next stage, or completes the case, once its merged log shows a stage fully approved.
 * A stage started twice is one stage (the fold keeps the first), and the first completion wins.
 */
export class CaseAdvancer {
  private readonly periodic = new PeriodicPass(TICK_MS, () => this.pass(), (err) => this.o.logger.warn({ err }, 'parallel approval pass failed; the next tick retries'));
  private readonly actor: Actor;

  constructor(private readonly o: { org: string; index: CaseIndex; cases: CaseStore; reference: ReferenceData; clock: () => Date; logger: Logger }) {
    this.actor = { id: `node:${o.org}`, name: '并联审批协调', org: o.org };
  }

  start(): void {
    this.periodic.start();
  }

  runOnce(): Promise<void> {
    return this.periodic.runOnce();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    for (const c of [...this.o.index.values()]) {
      if (c.status !== 'processing' || c.holder !== this.o.org || !c.stages.length) continue;
      const matter = this.o.reference.catalogue.get(c.matterCode);
      const last = c.stages.at(-1)!;
      if (!last.tasks.every((t) => t.status === 'approved')) continue;
      const stage = nextStage(c, matter);
      const spec = stage === undefined ? undefined : matter?.stages?.[stage];
      if (!spec && !stagesDone(c, matter)) continue;
      const at = this.o.clock().toISOString();
      const event: CaseEvent = spec
        ? { id: randomUUID(), at, actor: this.actor, kind: 'stage-started', stage: stage!, name: spec.name, departments: spec.departments }
        : { id: randomUUID(), at, actor: this.actor, kind: 'completed', result: '并联审批全部通过' };
      try {
        const doc = await this.o.cases.append(`case:${c.id}`, this.actor, () => ({ events: [event], ...(spec ? { parties: spec.departments } : {}) }));
        this.o.index.put(doc);
      } catch (err) {
        this.o.logger.warn({ err, case: c.id }, 'could not move the case on');
      }
    }
  }
}
