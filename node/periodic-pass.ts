/**
 * Runs a background pass every `everyMs`, never two at once: a pass asked for while one runs
 * shares it. The node's outbox, case advancer and rating keeper are each one of these. A pass
 * that fails is reported to `onError` and the next tick tries again: a background task never
 * takes the node down.
 */
export class PeriodicPass {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly pass: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.runQuietly(), this.everyMs);
    this.timer.unref();
    this.runQuietly();
  }

  /** One pass now (or the one running); rejects with its failure, for callers that wait on it. */
  runOnce(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private runQuietly(): void {
    this.runOnce().catch(this.onError);
  }
}
