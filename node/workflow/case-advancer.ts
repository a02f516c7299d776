import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PeriodicPass } from '../periodic-pass.js';
import type { Actor, UnsignedCaseEvent } from '../../sync/index.js';
import { completion } from '../domain/case-actions.js';
import { nextStage, stagesDone } from '../domain/stage-rules.js';
import type { CaseIndex } from '../store/case-index.js';
import type { CaseStore } from '../store/case-store.js';
import type { ReferenceData } from '../store/reference-data.js';

const TICK_MS = 2_000;

/**
 * Moves parallel approval on: starting a stage and completing the case are decisions, and one
 * office decides a case at a time (design §4) — the one holding it, the coordination desk. So the
 * departments only approve their own tasks, and the holder starts the next stage, or completes the
 * case, as soon as its merged log shows a stage fully approved: at once when an approval arrives
 * (it follows the case index), and on a periodic pass for anything missed.
 */
export class CaseAdvancer {
  private readonly periodic = new PeriodicPass(
    TICK_MS,
    () => this.pass(),
    (err) => this.o.logger.warn({ err }, 'parallel approval pass failed; the next tick retries'),
  );
  private readonly actor: Actor;
  private unsubscribe: (() => void) | undefined;
  private again = false;

  constructor(
    private readonly o: {
      org: string;
      index: CaseIndex;
      cases: CaseStore;
      reference: ReferenceData;
      clock: () => Date;
      logger: Logger;
    },
  ) {
    this.actor = { id: `node:${o.org}`, name: '并联审批协调', org: o.org };
  }

  start(): void {
    this.periodic.start();
    this.unsubscribe = this.o.index.subscribe((id) => {
      const c = this.o.index.get(id);
      if (
        c?.status === 'processing' &&
        c.holder === this.o.org &&
        c.stages.at(-1)?.tasks.every((t) => t.status === 'approved')
      )
        this.kick();
    });
  }

  /** A pass now; asked for while one runs, one more follows it, so no approval waits for the next tick. */
  private kick(): void {
    this.again = true;
    void (async () => {
      while (this.again) {
        this.again = false;
        await this.periodic
          .runOnce()
          .catch((err: unknown) => this.o.logger.warn({ err }, 'parallel approval pass failed; the next tick retries'));
      }
    })();
  }

  runOnce(): Promise<void> {
    return this.periodic.runOnce();
  }

  stop(): Promise<void> {
    this.unsubscribe?.();
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    for (const c of [...this.o.index.values()]) {
      if (c.status !== 'processing' || c.holder !== this.o.org || !c.stages.length) continue;
      const matter = this.o.reference.catalogue.ofCase(c);
      const last = c.stages.at(-1)!;
      if (!last.tasks.every((t) => t.status === 'approved')) continue;
      const stage = nextStage(c, matter);
      const spec = stage === undefined ? undefined : matter?.stages?.[stage];
      if (!spec && !stagesDone(c, matter)) continue;
      const at = this.o.clock().toISOString();
      const event: UnsignedCaseEvent = spec
        ? {
            id: randomUUID(),
            at,
            actor: this.actor,
            kind: 'stage-started',
            stage: stage!,
            name: spec.name,
            departments: spec.departments,
          }
        : completion({ id: randomUUID(), at, actor: this.actor }, matter, new Date(at), '并联审批全部通过');
      try {
        const doc = await this.o.cases.append(`case:${c.id}`, this.actor, () => ({
          events: [event],
          ...(spec ? { parties: spec.departments } : {}),
        }));
        this.o.index.put(doc);
      } catch (err) {
        this.o.logger.warn({ err, case: c.id }, 'could not move the case on');
      }
    }
  }
}
