/**
 * The index positions of one visibility key (an org path, or the public key), ascending. A doc
 * that changes gets a new position, so its old one goes stale: it is skipped when read and
 * dropped in a sweep once stale positions make up half of the list, which keeps reads and
 * memory proportional to the documents the key sees.
 */
export class PosList {
  private items: number[] = [];
  private stale = 0;

  /** Appends `pos`; positions only ever grow. */
  add(pos: number): void {
    this.items.push(pos);
  }

  /** Records that one of the list's positions went stale, sweeping when they pile up. */
  retire(isCurrent: (pos: number) => boolean): void {
    this.stale++;
    if (this.stale > 32 && this.stale * 2 > this.items.length) {
      this.items = this.items.filter(isCurrent);
      this.stale = 0;
    }
  }

  /** Index of the first position greater than `pos`. */
  firstAfter(pos: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as number) <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  at(i: number): number | undefined {
    return this.items[i];
  }

  get size(): number {
    return this.items.length;
  }
}
