import { isAccepted, isClosed, type CaseState } from '../../sync/index.js';
import type { CaseIndex } from '../store/case-index.js';
import type { ReferenceData } from '../store/reference-data.js';
import { boardEntry, type BoardEntry } from './board-entry.js';
import { LiveFeed, type FeedListener } from './live-feed.js';

/** A case's line appearing, changing colour or leaving the board. */
export interface BoardEvent {
  kind: 'light';
  id: string;
  /** The light now; null when the case left the board (closed, or green again after an extension). */
  light: 'yellow' | 'red' | null;
  entry: BoardEntry | null;
  at: string;
}

/** The board as a screen draws it: red first, then the nearest deadlines. */
export interface BoardSnapshot {
  at: string;
  yellow: number;
  red: number;
  items: BoardEntry[];
}

const TICK_MS = 5_000;
const SETTLE_MS = 50;

/**
 * 红绿灯 board of a hall's big screen: every open case held here that is yellow or red, kept live.
 * A case turns yellow by the clock alone, so the board is re-evaluated every few seconds, and at
 * once (after a short settle, for bursts from sync) whenever a case changes.
 */
export class BoardFeed {
  private readonly feed = new LiveFeed<BoardEvent>();
  private shown = new Map<string, { key: string; entry: BoardEntry }>();
  private timer: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  /** Cases changed since the last settle: only they are looked at again then (the clock's tick looks at all). */
  private changedIds = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly o: {
      index: CaseIndex;
      reference: ReferenceData;
      clock: () => Date;
      tickMs?: number;
      logger: { warn(detail: object, msg: string): void };
    },
  ) {}

  start(): void {
    this.refreshQuietly();
    this.timer = setInterval(() => this.refreshQuietly(), this.o.tickMs ?? TICK_MS);
    this.timer.unref();
    this.unsubscribe = this.o.index.subscribe((id) => {
      this.changedIds.add(id);
      this.settle ??= setTimeout(() => {
        this.settle = undefined;
        const ids = this.changedIds;
        this.changedIds = new Set();
        this.refreshQuietly(ids);
      }, SETTLE_MS);
    });
  }

  /** The board now, computed afresh. */
  snapshot(): BoardSnapshot {
    const now = this.o.clock();
    const items = [...this.current(now).values()].map((x) => x.entry);
    items.sort((a, b) =>
      a.light !== b.light
        ? a.light === 'red'
          ? -1
          : 1
        : a.promisedBy < b.promisedBy
          ? -1
          : a.promisedBy > b.promisedBy
            ? 1
            : a.id.localeCompare(b.id),
    );
    return {
      at: now.toISOString(),
      yellow: items.filter((i) => i.light === 'yellow').length,
      red: items.filter((i) => i.light === 'red').length,
      items,
    };
  }

  /** Re-evaluates every light and tells the screens what changed. */
  refresh(): void {
    const now = this.o.clock();
    const next = this.current(now);
    const at = now.toISOString();
    for (const id of this.shown.keys())
      if (!next.has(id)) this.feed.publish({ kind: 'light', id, light: null, entry: null, at });
    for (const [id, is] of next) {
      if (this.shown.get(id)?.key !== is.key)
        this.feed.publish({ kind: 'light', id, light: is.entry.light, entry: is.entry, at });
    }
    this.shown = next;
  }

  /** Re-evaluates the lights of some cases only: a burst of writes costs what it changed, not the whole board each time. */
  private refreshCases(ids: ReadonlySet<string>): void {
    const now = this.o.clock();
    const at = now.toISOString();
    for (const id of ids) {
      const c = this.o.index.get(id);
      const is = c && this.lineOf(c, now);
      const was = this.shown.get(id);
      if (!is) {
        if (was) {
          this.shown.delete(id);
          this.feed.publish({ kind: 'light', id, light: null, entry: null, at });
        }
      } else if (was?.key !== is.key) {
        this.shown.set(id, is);
        this.feed.publish({ kind: 'light', id, light: is.entry.light, entry: is.entry, at });
      }
    }
  }

  subscribe(listener: FeedListener<BoardEvent>): () => void {
    return this.feed.subscribe(listener);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.settle);
    this.unsubscribe?.();
    this.feed.close();
  }

  /** A refresh from a timer (of `ids` only, when given): a failure is logged and the next tick draws the board again. */
  private refreshQuietly(ids?: ReadonlySet<string>): void {
    try {
      if (ids) this.refreshCases(ids);
      else this.refresh();
    } catch (err) {
      this.o.logger.warn({ err }, 'board not refreshed; the next tick retries');
    }
  }

  private current(now: Date): Map<string, { key: string; entry: BoardEntry }> {
    const out = new Map<string, { key: string; entry: BoardEntry }>();
    for (const c of this.o.index.values()) {
      const line = this.lineOf(c, now);
      if (line) out.set(c.id, line);
    }
    return out;
  }

  /** A case's line on the board now, or undefined when it is not on the board. */
  private lineOf(c: CaseState, now: Date): { key: string; entry: BoardEntry } | undefined {
    if (isClosed(c.status) || !isAccepted(c)) return undefined;
    const light = this.o.index.lightOf(c, now);
    if (light !== 'yellow' && light !== 'red') return undefined;
    const entry = boardEntry(c, light, this.o.reference);
    return { key: `${light}|${entry.promisedBy}|${entry.holderName}`, entry };
  }
}
