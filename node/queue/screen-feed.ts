import type { ScreenEvent } from './queue-state.js';

/** Someone watching the calling screen's feed: each event, and the end when the queue closes. */
export interface ScreenListener {
  event(e: ScreenEvent): void;
  end(): void;
}

/** The live feed of the calling screens: events in order, and the latest calls for a screen that just connected. */
export class ScreenFeed {
  private readonly listeners = new Set<ScreenListener>();
  private readonly calls: ScreenEvent[] = [];
  private seq = 0;

  constructor(private readonly keep: number) {}

  /** Numbers each event, remembers the calls, and hands them to every listener. */
  publish(drafts: readonly Omit<ScreenEvent, 'seq' | 'at'>[], at: Date): void {
    for (const d of drafts) {
      const e: ScreenEvent = { ...d, seq: ++this.seq, at: at.toISOString() };
      if (e.kind === 'called' || e.kind === 'recalled' || e.kind === 'resumed') {
        this.calls.unshift(e);
        this.calls.length = Math.min(this.calls.length, this.keep);
      }
      for (const l of this.listeners) {
        try {
          l.event(e);
        } catch {
          // A screen that went away must not stop the clerk's action.
        }
      }
    }
  }

  /** Starts listening; the function returned stops it. */
  subscribe(listener: ScreenListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest calls, newest first. */
  recentCalls(): ScreenEvent[] {
    return [...this.calls];
  }

  /** Drops the remembered calls: a new day's screen starts empty. */
  forgetCalls(): void {
    this.calls.length = 0;
  }

  get listening(): number {
    return this.listeners.size;
  }

  /** Ends every listener's feed. */
  close(): void {
    for (const l of this.listeners) l.end();
    this.listeners.clear();
  }
}
