const HASH_BYTES = 16;
/** Value of each lowercase hex digit by char code, -1 for anything else. */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX['0123456789abcdef'.charCodeAt(d)] = d;

/** The generation of `rev` if it is `[1-9]\d{0,8}-` and 32 lowercase hex digits, else 0. */
function packedGeneration(rev: string): number {
  const dash = rev.indexOf('-');
  if (dash < 1 || dash > 9 || rev.length !== dash + 1 + 2 * HASH_BYTES || rev.charCodeAt(0) === 0x30) return 0;
  let gen = 0;
  for (let i = 0; i < dash; i++) {
    const d = rev.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return 0;
    gen = gen * 10 + d;
  }
  return gen;
}

/** A rev column as plain data: generations, 16-byte hashes, and the revisions of another form by row. */
export interface RevColumnData {
  generations: Uint32Array<ArrayBuffer>;
  hashes: Uint8Array<ArrayBuffer>;
  /** Revisions that are not generation + 32 hex digits (hand-made ids in tests, other servers). */
  odd: [number, string][];
}

/**
 * One revision per row, packed: CouchDB and PouchDB revisions are a generation and an MD5 in
 * hex, so they are kept as a number and 16 bytes (20 bytes, against 56 for the string), and
 * rebuilt as strings only when read. Anything else is kept as given, beside.
 */
export class RevColumn {
  private generations = new Uint32Array(0);
  private hashes = new Uint8Array(0);
  private hashView = Buffer.alloc(0);
  private readonly odd = new Map<number, string>();

  /** A column holding `data` (whose rows `order` lists in the new row order; undefined: the same order), for a restore. */
  static from(data: RevColumnData, order: Uint32Array | undefined, capacity: number): RevColumn {
    const column = new RevColumn();
    column.reserve(capacity);
    if (!order) {
      column.generations.set(data.generations);
      column.hashes.set(data.hashes);
      for (const [row, rev] of data.odd) column.odd.set(row, rev);
      return column;
    }
    const newRow = new Uint32Array(order.length);
    const { hashes } = column;
    for (let row = 0; row < order.length; row++) {
      const old = order[row] as number;
      newRow[old] = row;
      column.generations[row] = data.generations[old] as number;
      for (let b = 0; b < HASH_BYTES; b++) hashes[row * HASH_BYTES + b] = data.hashes[old * HASH_BYTES + b] as number;
    }
    for (const [old, rev] of data.odd) column.odd.set(newRow[old] as number, rev);
    return column;
  }

  /** Makes room for `rows` rows. */
  reserve(rows: number): void {
    if (rows <= this.generations.length) return;
    const capacity = Math.max(rows, this.generations.length * 2, 1024);
    const generations = new Uint32Array(capacity);
    generations.set(this.generations);
    const hashes = new Uint8Array(capacity * HASH_BYTES);
    hashes.set(this.hashes);
    this.generations = generations;
    this.hashes = hashes;
    this.hashView = Buffer.from(hashes.buffer);
  }

  /** Packs `rev` into `row`, digit by digit: a regular expression and `Buffer.write` per revision were a tenth of a million-document build. */
  set(row: number, rev: string): void {
    const gen = packedGeneration(rev);
    const hash = rev.length - 2 * HASH_BYTES;
    const at = row * HASH_BYTES;
    for (let b = 0; gen > 0 && b < HASH_BYTES; b++) {
      const hi = HEX[rev.charCodeAt(hash + 2 * b)] ?? -1;
      const lo = HEX[rev.charCodeAt(hash + 2 * b + 1)] ?? -1;
      if (hi < 0 || lo < 0) return this.setOdd(row, rev);
      this.hashes[at + b] = (hi << 4) | lo;
    }
    if (gen === 0) return this.setOdd(row, rev);
    this.odd.delete(row);
    this.generations[row] = gen;
  }

  private setOdd(row: number, rev: string): void {
    this.generations[row] = 0;
    this.odd.set(row, rev);
  }

  get(row: number): string {
    const gen = this.generations[row] as number;
    if (gen === 0) return this.odd.get(row) ?? '';
    return `${gen}-${this.hashView.toString('hex', row * HASH_BYTES, (row + 1) * HASH_BYTES)}`;
  }

  /** A copy of the first `rows` rows. */
  data(rows: number): RevColumnData {
    return {
      generations: this.generations.slice(0, rows),
      hashes: this.hashes.slice(0, rows * HASH_BYTES),
      odd: [...this.odd],
    };
  }
}
