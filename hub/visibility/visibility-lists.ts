import { PosList } from './pos-list.js';
import { PUBLIC_KEY } from './visibility-keys.js';

/** What the index knows of one document: its latest change, leaves and last known parties. */
export interface IndexEntry {
  readonly id: string;
  /** The index position of its latest change. */
  readonly pos: number;
  /** The store seq that change was read at. */
  readonly storeSeq: string;
  readonly winner: string;
  readonly leaves: readonly string[];
  readonly deleted: boolean;
  readonly type: string | undefined;
  readonly parties: readonly string[];
  /** The visibility keys it is listed under. */
  readonly keys: readonly string[];
}

/**
 * The index's data: one entry per document, and per visibility key the positions of the
 * entries listed under it. Synchronous and in memory; `VisibilityIndex` feeds it.
 */
export class VisibilityLists {
  private readonly byId = new Map<string, IndexEntry>();
  private readonly byPos = new Map<number, IndexEntry>();
  private readonly lists = new Map<string, PosList>();
  private readonly live = new Map<string, number>();
  private readonly isCurrent = (pos: number) => this.byPos.has(pos);

  /** Replaces the document's entry with `entry` (a later position) and lists it under its keys. */
  put(entry: IndexEntry): void {
    const prev = this.byId.get(entry.id);
    if (prev) {
      this.byPos.delete(prev.pos);
      for (const k of prev.keys) {
        this.lists.get(k)?.retire(this.isCurrent);
        if (!prev.deleted) this.live.set(k, (this.live.get(k) ?? 1) - 1);
      }
    }
    this.byId.set(entry.id, entry);
    this.byPos.set(entry.pos, entry);
    for (const k of entry.keys) {
      let list = this.lists.get(k);
      if (!list) this.lists.set(k, (list = new PosList()));
      list.add(entry.pos);
      if (!entry.deleted) this.live.set(k, (this.live.get(k) ?? 0) + 1);
    }
  }

  get(id: string): IndexEntry | undefined {
    return this.byId.get(id);
  }

  /** Live documents a node at `org` sees, from counters kept on every change. */
  liveCount(org: string): number {
    return (this.live.get(org) ?? 0) + (this.live.get(PUBLIC_KEY) ?? 0);
  }

  /** Up to `limit` entries `org` sees after `after`: its own list merged with the public one, stale positions skipped. */
  collect(org: string, after: number, limit: number): IndexEntry[] {
    const cursors = [this.lists.get(org), this.lists.get(PUBLIC_KEY)]
      .filter((l): l is PosList => l !== undefined)
      .map((list) => ({ list, i: list.firstAfter(after) }));
    const out: IndexEntry[] = [];
    while (out.length < limit) {
      let best: number | undefined;
      for (const c of cursors) {
        let p = c.list.at(c.i);
        while (p !== undefined && !this.byPos.has(p)) p = c.list.at(++c.i);
        if (p !== undefined && (best === undefined || p < best)) best = p;
      }
      if (best === undefined) break;
      for (const c of cursors) if (c.list.at(c.i) === best) c.i++;
      out.push(this.byPos.get(best) as IndexEntry);
    }
    return out;
  }

  /** Entries still to come after `pos`: an upper bound (stale positions count until swept, at most half a list), for progress bars. */
  pendingAfter(org: string, pos: number): number {
    let n = 0;
    for (const l of [this.lists.get(org), this.lists.get(PUBLIC_KEY)]) if (l) n += l.size - l.firstAfter(pos);
    return n;
  }
}
