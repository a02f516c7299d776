import type { Logger } from 'pino';
import type { CaseState } from '../../sync/index.js';
import { PeriodicPass } from '../periodic-pass.js';
import type { CaseIndex } from '../store/case-index.js';
import type { LicenceRegister } from './licence-register.js';

const TICK_MS = 10_000;

/**
 * Puts the licences of the cases this office completed into the district's register: at once when
 * a completion reaches the case index (the node's own write, or the case advancer's), and on a
 * periodic pass for anything a crash or a refusal left behind, since the completion and the
 * licence are two documents.
 */
export class LicenceIssuer {
  private readonly periodic = new PeriodicPass(
    TICK_MS,
    () => this.pass(),
    (err) => this.o.logger.warn({ err }, 'licence pass failed; the next tick retries'),
  );
  private readonly done = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly o: { org: string; index: CaseIndex; register: LicenceRegister; logger: Logger }) {}

  start(): void {
    this.periodic.start();
    this.unsubscribe = this.o.index.subscribe((id) => {
      const c = this.o.index.get(id);
      if (c?.status === 'completed' && c.licences.length && !this.done.has(id)) void this.issue(c);
    });
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
      if (c.status === 'completed' && c.licences.length && !this.done.has(c.id)) await this.issue(c);
    }
  }

  private async issue(c: CaseState): Promise<void> {
    try {
      await this.o.register.issueFor(c);
      this.done.add(c.id);
    } catch (err) {
      this.o.logger.warn({ err, case: c.id }, 'licence not issued; the next pass tries again');
    }
  }
}
