import { PosList } from './pos-list.js';
import { RevColumn, type RevColumnData } from './rev-column.js';
import { PUBLIC_KEY, visibilityKeys, type Visibility } from './visibility-keys.js';

/** What the index knows of one document: its latest change, leaves and last known parties. */
export interface IndexEntry {
  readonly id: string;
  /** The index position of its latest change. */
  readonly pos: number;
  readonly winner: string;
  readonly leaves: readonly string[];
  readonly deleted: boolean;
  readonly type: string | undefined;
  readonly parties: readonly string[];
  /** The visibility keys it is listed under. */
  readonly keys: readonly string[];
}

/** A document's latest change, as the index takes it from the store's feed. */
export interface EntryChange {
  id: string;
  winner: string;
  /** Every leaf revision, the winner among them. */
  leaves: readonly string[];
  deleted: boolean;
  visibility: Visibility;
}

/** The lists as plain columns, one row per document (any order): what a snapshot saves and a restore takes. */
export interface ListsData {
  ids: string[];
  winners: RevColumnData;
  positions: Float64Array<ArrayBuffer>;
  /** Per document, an index into `visibilities`. */
  visibility: Uint32Array<ArrayBuffer>;
  deleted: Uint8Array<ArrayBuffer>;
  /** Leaves besides the winner, for the few documents in conflict: `[row, leaves]`. */
  otherLeaves: [number, string[]][];
  /** The distinct type and parties documents have. */
  visibilities: { type: string | null; parties: string[] }[];
}

interface VisibilityClass extends Visibility {
  readonly keys: readonly string[];
}

const NO_LEAVES: readonly string[] = [];

/**
 * The rows of `positions` in ascending order of position, or undefined when they already are (a
 * snapshot of an index built from the feed or restored, and not changed much since, mostly is).
 */
function rowsByPosition(positions: Float64Array): Uint32Array | undefined {
  let sorted = true;
  for (let i = 1; i < positions.length && sorted; i++) sorted = (positions[i - 1] as number) < (positions[i] as number);
  if (sorted) return undefined;
  const order = new Uint32Array(positions.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (positions[a] as number) - (positions[b] as number));
}

/**
 * The index's data: one row (a slot) per document, kept in columns — the document's id, winning
 * revision (packed), position, deleted flag and one shared record of its type, parties and keys — and per
 * visibility key the positions of the documents listed under it. Columns and shared records,
 * not an object per document, because a district holds millions: see `bench hub.index_bytes_per_doc`.
 * Synchronous and in memory; `VisibilityIndex` feeds it.
 */
export class VisibilityLists {
  private readonly slotOf = new Map<string, number>();
  private readonly ids: string[] = [];
  private winners = new RevColumn();
  private positions = new Float64Array(0);
  private visibility = new Uint32Array(0);
  private deleted = new Uint8Array(0);
  private readonly otherLeaves = new Map<number, readonly string[]>();
  private readonly classes: VisibilityClass[] = [];
  private readonly classOf = new Map<string, number>();
  private readonly lists = new Map<string, PosList>();
  private readonly live = new Map<string, number>();
  private readonly isCurrent = (pos: number, slot: number) => this.positions[slot] === pos;

  /** Rebuilds lists from `data`, positions renumbered 1…n in their order; `rank` maps an old position to the new one at or below it. */
  static restore(data: ListsData): { lists: VisibilityLists; rank: (oldPos: number) => number } {
    const n = data.ids.length;
    const order = rowsByPosition(data.positions);
    const lists = new VisibilityLists();
    lists.reserve(n);
    lists.winners = RevColumn.from(data.winners, order, lists.positions.length);
    const classMap = data.visibilities.map((v) => lists.classFor({ type: v.type ?? undefined, parties: v.parties }));
    // Per class its lists and its live documents, counted here and added to each key's counter once.
    const classLists = lists.classes.map((c) =>
      c.keys.map((k) => {
        let list = lists.lists.get(k);
        if (!list) lists.lists.set(k, (list = new PosList()));
        return list;
      }),
    );
    const liveOf = new Float64Array(lists.classes.length);
    const newSlot = new Uint32Array(n);
    const sortedOld = new Float64Array(n);
    for (let slot = 0; slot < n; slot++) {
      const row = order ? (order[slot] as number) : slot;
      newSlot[row] = slot;
      sortedOld[slot] = data.positions[row] as number;
      const id = data.ids[row] as string;
      lists.slotOf.set(id, slot);
      lists.ids.push(id);
      const cls = classMap[data.visibility[row] as number] as number;
      const deleted = data.deleted[row] as number;
      lists.positions[slot] = slot + 1;
      lists.visibility[slot] = cls;
      lists.deleted[slot] = deleted;
      for (const list of classLists[cls] as PosList[]) list.add(slot + 1, slot);
      if (deleted === 0) liveOf[cls] = (liveOf[cls] as number) + 1;
    }
    lists.classes.forEach((c, cls) => {
      for (const k of c.keys) lists.live.set(k, (lists.live.get(k) ?? 0) + (liveOf[cls] as number));
    });
    for (const [row, leaves] of data.otherLeaves) lists.otherLeaves.set(newSlot[row] as number, leaves);
    const rank = (oldPos: number) => {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sortedOld[mid] as number) <= oldPos) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return { lists, rank };
  }

  /** Gives the document's latest change position `pos` (above every earlier one); returns the keys it is now listed under. */
  put(pos: number, change: EntryChange): readonly string[] {
    let slot = this.slotOf.get(change.id);
    if (slot === undefined) {
      slot = this.ids.length;
      this.reserve(slot + 1);
      this.slotOf.set(change.id, slot);
      this.ids.push(change.id);
    } else {
      const prev = this.classes[this.visibility[slot] as number] as VisibilityClass;
      const wasLive = this.deleted[slot] === 0;
      this.positions[slot] = pos; // first, so a sweep below drops the old position
      for (const k of prev.keys) {
        this.lists.get(k)?.retire(this.isCurrent);
        if (wasLive) this.live.set(k, (this.live.get(k) ?? 1) - 1);
      }
    }
    this.winners.set(slot, change.winner);
    const others = change.leaves.filter((r) => r !== change.winner);
    if (others.length > 0) this.otherLeaves.set(slot, others);
    else this.otherLeaves.delete(slot);
    const cls = this.classFor(change.visibility);
    this.list(slot, pos, cls, change.deleted);
    return (this.classes[cls] as VisibilityClass).keys;
  }

  get(id: string): IndexEntry | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.entry(slot);
  }

  /** The entry of `id` if it is listed under `org` or the public key. */
  visibleTo(id: string, org: string): IndexEntry | undefined {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return undefined;
    const { keys } = this.classes[this.visibility[slot] as number] as VisibilityClass;
    return keys.includes(PUBLIC_KEY) || keys.includes(org) ? this.entry(slot) : undefined;
  }

  /** How many documents (tombstones included) the lists hold. */
  get size(): number {
    return this.ids.length;
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
      let best: { pos: number; slot: number } | undefined;
      for (const c of cursors) {
        let p = c.list.posAt(c.i);
        while (p !== undefined && !this.isCurrent(p, c.list.slotAt(c.i))) p = c.list.posAt(++c.i);
        if (p !== undefined && (best === undefined || p < best.pos)) best = { pos: p, slot: c.list.slotAt(c.i) };
      }
      if (best === undefined) break;
      for (const c of cursors) if (c.list.posAt(c.i) === best.pos) c.i++;
      out.push(this.entry(best.slot));
    }
    return out;
  }

  /** Entries still to come after `pos`: an upper bound (stale positions count until swept, at most half a list), for progress bars. */
  pendingAfter(org: string, pos: number): number {
    let n = 0;
    for (const l of [this.lists.get(org), this.lists.get(PUBLIC_KEY)]) if (l) n += l.size - l.firstAfter(pos);
    return n;
  }

  /** A copy of the columns, taken at once: the index changes on while a snapshot of it is written. */
  data(): ListsData {
    const n = this.ids.length;
    return {
      ids: this.ids.slice(),
      winners: this.winners.data(n),
      positions: this.positions.slice(0, n),
      visibility: this.visibility.slice(0, n),
      deleted: this.deleted.slice(0, n),
      otherLeaves: [...this.otherLeaves].map(([slot, leaves]) => [slot, [...leaves]]),
      visibilities: this.classes.map((c) => ({ type: c.type ?? null, parties: [...c.parties] })),
    };
  }

  private entry(slot: number): IndexEntry {
    const cls = this.classes[this.visibility[slot] as number] as VisibilityClass;
    const winner = this.winners.get(slot);
    return {
      id: this.ids[slot] as string,
      pos: this.positions[slot] as number,
      winner,
      leaves: [winner, ...(this.otherLeaves.get(slot) ?? NO_LEAVES)],
      deleted: this.deleted[slot] === 1,
      type: cls.type,
      parties: cls.parties,
      keys: cls.keys,
    };
  }

  /** Sets the slot's columns and lists it under its keys. */
  private list(slot: number, pos: number, cls: number, deleted: boolean): void {
    this.positions[slot] = pos;
    this.visibility[slot] = cls;
    this.deleted[slot] = deleted ? 1 : 0;
    for (const k of (this.classes[cls] as VisibilityClass).keys) {
      let list = this.lists.get(k);
      if (!list) this.lists.set(k, (list = new PosList()));
      list.add(pos, slot);
      if (!deleted) this.live.set(k, (this.live.get(k) ?? 0) + 1);
    }
  }

  /** The shared record of this type and parties, made on first sight: a district has few distinct ones. */
  private classFor(v: Visibility): number {
    const signature = JSON.stringify([v.type ?? null, v.parties]);
    let cls = this.classOf.get(signature);
    if (cls === undefined) {
      cls = this.classes.length;
      this.classes.push({ type: v.type, parties: [...v.parties], keys: visibilityKeys(v) });
      this.classOf.set(signature, cls);
    }
    return cls;
  }

  private reserve(slots: number): void {
    if (slots <= this.positions.length) return;
    const capacity = Math.max(slots, this.positions.length * 2, 1024);
    const grow = <T extends Float64Array | Uint32Array | Uint8Array>(old: T, next: T) => (next.set(old), next);
    this.positions = grow(this.positions, new Float64Array(capacity));
    this.visibility = grow(this.visibility, new Uint32Array(capacity));
    this.deleted = grow(this.deleted, new Uint8Array(capacity));
    this.winners.reserve(capacity);
  }
}
