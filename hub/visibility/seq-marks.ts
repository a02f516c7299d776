/** A mark: every index position above `pos` was read from the store's feed after store seq `seq`. */
export interface SeqMark {
  pos: number;
  seq: string;
}

/**
 * Which store seq each index position was read after, kept sparsely: one mark per `spacing`
 * positions or more instead of a seq per document (CouchDB cluster seqs run to a hundred
 * characters). A position's token carries the seq of the mark below it, so another instance
 * resuming from it may repeat up to a mark's worth of rows — `_revs_diff` drops them — and never
 * skips one.
 */
export class SeqMarks {
  private readonly marks: SeqMark[];

  constructor(
    marks: SeqMark[] = [{ pos: 0, seq: '0' }],
    private readonly spacing = 256,
  ) {
    this.marks = marks;
  }

  /** Notes that positions above `pos` are read after `seq`, unless the last mark is near enough. */
  note(pos: number, seq: string): void {
    const last = this.marks[this.marks.length - 1];
    if (!last || pos - last.pos >= this.spacing) this.marks.push({ pos, seq });
  }

  /** The store seq position `pos` was read after: the last mark below it. */
  before(pos: number): string {
    let lo = 0;
    let hi = this.marks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.marks[mid] as SeqMark).pos < pos) lo = mid + 1;
      else hi = mid;
    }
    return this.marks[lo - 1]?.seq ?? '0';
  }

  /** A copy of the marks, for a snapshot. */
  list(): SeqMark[] {
    return this.marks.map((m) => ({ ...m }));
  }
}
