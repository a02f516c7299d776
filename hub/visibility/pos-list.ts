/**
 * The index positions of one visibility key (an org path, or the public key), ascending, each
 * with the slot of the document it was given to. A doc that changes gets a new position, so its
 * old one goes stale: it is skipped when read and dropped in a sweep once stale positions make
 * up half of the list, which keeps reads and memory proportional to the documents the key sees.
 * Typed arrays rather than arrays of numbers: a district's lists hold millions of positions.
 */
export class PosList {
  private positions = new Float64Array(4);
  private slots = new Uint32Array(4);
  private length = 0;
  private stale = 0;

  /** Appends `pos` (greater than every position listed) for the document in `slot`. */
  add(pos: number, slot: number): void {
    if (this.length === this.positions.length) this.resize(this.length * 2);
    this.positions[this.length] = pos;
    this.slots[this.length] = slot;
    this.length++;
  }

  /** Records that one of the list's positions went stale, sweeping when they pile up. */
  retire(isCurrent: (pos: number, slot: number) => boolean): void {
    this.stale++;
    if (this.stale <= 32 || this.stale * 2 <= this.length) return;
    let kept = 0;
    for (let i = 0; i < this.length; i++) {
      const pos = this.positions[i] as number;
      const slot = this.slots[i] as number;
      if (!isCurrent(pos, slot)) continue;
      this.positions[kept] = pos;
      this.slots[kept] = slot;
      kept++;
    }
    this.length = kept;
    this.stale = 0;
    if (this.positions.length > 64 && kept * 4 < this.positions.length) this.resize(kept * 2);
  }

  /** Index of the first position greater than `pos`. */
  firstAfter(pos: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.positions[mid] as number) <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The position at index `i`, undefined past the end. */
  posAt(i: number): number | undefined {
    return i < this.length ? this.positions[i] : undefined;
  }

  /** The slot at index `i` (read only below `size`). */
  slotAt(i: number): number {
    return this.slots[i] as number;
  }

  get size(): number {
    return this.length;
  }

  private resize(capacity: number): void {
    const positions = new Float64Array(Math.max(capacity, 4));
    const slots = new Uint32Array(Math.max(capacity, 4));
    positions.set(this.positions.subarray(0, this.length));
    slots.set(this.slots.subarray(0, this.length));
    this.positions = positions;
    this.slots = slots;
  }
}
