/**
 * A map read through to `base` with a batch's changes laid over it: the batch decides on it
 * without copying the day's documents, and `commit` writes the changes into `base` once they are
 * on disk. `base` must not change while the batch works.
 */
export class LaidOverMap<K, V> implements ReadonlyMap<K, V> {
  private readonly changes = new Map<K, V>();

  constructor(private readonly base: Map<K, V>) {}

  get size(): number {
    let added = 0;
    for (const k of this.changes.keys()) if (!this.base.has(k)) added++;
    return this.base.size + added;
  }

  get(key: K): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key);
  }

  has(key: K): boolean {
    return this.changes.has(key) || this.base.has(key);
  }

  set(key: K, value: V): this {
    this.changes.set(key, value);
    return this;
  }

  /** Writes the changes into the base map, which then holds what this one showed. */
  commit(): void {
    for (const [k, v] of this.changes) this.base.set(k, v);
    this.changes.clear();
  }

  *entries(): MapIterator<[K, V]> {
    for (const [k, v] of this.base) yield [k, this.changes.has(k) ? this.changes.get(k)! : v];
    for (const [k, v] of this.changes) if (!this.base.has(k)) yield [k, v];
  }

  *keys(): MapIterator<K> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
