import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PeriodicPass } from '../periodic-pass.js';
import type { Actor, CaseState, UnsignedCaseEvent } from '../../sync/index.js';
import { completion } from '../domain/case-actions.js';
import { nextStage, stagesDone } from '../../sync/stage-rules.js';
import type { CaseIndex } from '../store/case-index.js';
import type { CaseStore } from '../store/case-store.js';
import type { ReferenceData } from '../store/reference-data.js';

const TICK_MS = 2_000;

/**
 * Moves parallel approval on: starting a stage and completing the case are decisions, and one
 * office decides a case at a time (design §4) — the one holding it, the coordination desk. So the
 * departments only approve their own tasks, and the holder starts the next stage, or completes the
 * case, as soon as its merged log shows a stage fully approved: at once when an approval arrives
 * (it follows the case index, which follows the replica's change feed), and on a periodic pass for
 * what could not be moved on then (its matter not in the catalogue yet, a write that failed).
 * Only the cases whose last stage is fully approved are kept and looked at, never every case: a
 * pass costs nothing more in a hall holding a hundred thousand.
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
  /** Ids of the cases this hall holds whose last stage is fully approved: the only ones a pass looks at. */
  private readonly due = new Set<string>();

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
    // Subscribed before the one scan of what the index already holds: no change falls between them.
    this.unsubscribe = this.o.index.subscribe((id) => {
      if (this.isDue(this.o.index.get(id))) {
        this.due.add(id);
        this.kick();
      } else this.due.delete(id);
    });
    for (const c of this.o.index.values()) if (this.isDue(c)) this.due.add(c.id);
    this.periodic.start();
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

  /** Whether this hall has to move the case on: it holds it in processing and its last stage is fully approved. */
  private isDue(c: CaseState | undefined): c is CaseState {
    return (
      c?.status === 'processing' &&
      c.holder === this.o.org &&
      c.stages.length > 0 &&
      c.stages.at(-1)!.tasks.every((t) => t.status === 'approved')
    );
  }

  private async pass(): Promise<void> {
    for (const id of [...this.due]) {
      const c = this.o.index.get(id);
      if (!this.isDue(c)) {
        this.due.delete(id);
        continue;
      }
      const matter = this.o.reference.catalogue.ofCase(c);
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
