/** Someone following a live feed: each event, and the end when the node closes. */
export interface FeedListener<E> {
  event(e: E): void;
  end(): void;
}

/** A fan-out of events to live screens (the board, the rating devices); a listener that fails is dropped. */
export class LiveFeed<E> {
  private readonly listeners = new Set<FeedListener<E>>();

  subscribe(listener: FeedListener<E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(e: E): void {
    for (const l of this.listeners) {
      try {
        l.event(e);
      } catch {
        this.listeners.delete(l);
      }
    }
  }

  get listening(): number {
    return this.listeners.size;
  }

  close(): void {
    for (const l of this.listeners) l.end();
    this.listeners.clear();
  }
}
