/**
 * Writes to the same documents one after another. The write rule checks a revision against the
 * leaves the hub holds when it runs; two requests checked at once each miss the other's revision,
 * so each could pass a rule that both together break (two branches beside the live one, each
 * "adding" the same event; then two tombstones, each finding the other branch alive to keep its
 * events, and the case is gone). A request waits for every earlier one naming any of its ids.
 */
export class DocLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(ids: Iterable<string>, fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Registered for every id before any await: a request waits only on requests registered
    // before it, so no two ever wait on each other.
    const unique = [...new Set(ids)];
    const earlier = unique.map((id) => {
      const before = this.tails.get(id);
      this.tails.set(id, held);
      return before;
    });
    try {
      await Promise.all(earlier);
      return await fn();
    } finally {
      release();
      for (const id of unique) if (this.tails.get(id) === held) this.tails.delete(id);
    }
  }
}
