/** Sends a request to the hub (with the node's token), for the deferred checkpoint writes. */
export type HubSend = (url: string, init: RequestInit) => Promise<Response>;

type Checkpoint = Record<string, unknown> & { session_id?: unknown; _rev?: unknown };

const answer = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A node's replication checkpoints at the hub, as the node last wrote them. A checkpoint
 * (`_local`) is the node's own document there (the gateway keys it by node), and the hub keeps
 * what was last written whatever `_rev` it carries, so what this node last wrote is what the hub
 * holds: PouchDB's read before each write is answered here. Only a checkpoint written since the
 * last `forget` is answered, so the first read of each goes to the hub.
 *
 * Later writes within the same replication session are answered here at once and sent on at most
 * every `flushMs`, the latest only. A hub checkpoint that lags is harmless: PouchDB resumes from the
 * source's checkpoint when the other side has seen its session (CouchDB's comparison), so a push
 * loses nothing and a pull at worst lists again what it already holds. The first write of every
 * session goes straight to the hub, so the hub's history always names the session.
 */
export class HubCheckpoints {
  private readonly held = new Map<string, Checkpoint>();
  private readonly pending = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: HubSend,
    private readonly flushMs: number,
  ) {}

  /** The hub's answer to reading or writing the checkpoint at `url`, when given here; undefined: ask the hub. */
  answer(url: string, method: string, body: unknown): Response | undefined {
    const held = this.held.get(url);
    if (method === 'GET') return held && answer(held, 200);
    if (method !== 'PUT' || typeof body !== 'string') return undefined;
    const doc = JSON.parse(body) as Checkpoint;
    if (!held || doc.session_id === undefined || doc.session_id !== held.session_id) {
      this.pending.delete(url); // this write goes to the hub now, and an older one must not follow it
      return undefined;
    }
    const rev = `0-${(Number(String(held._rev).split('-')[1]) || 0) + 1}`;
    this.held.set(url, { ...doc, _rev: rev });
    this.pending.set(url, body);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    return answer({ ok: true, id: doc._id, rev }, 201);
  }

  /** Notes a checkpoint the hub took (its answer `rev`). */
  written(url: string, body: string, rev: string): void {
    this.held.set(url, { ...(JSON.parse(body) as Checkpoint), _rev: rev });
  }

  /** Sends the deferred writes, the latest of each checkpoint, after any still under way. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const writes = [...this.pending];
    this.pending.clear();
    this.flushing = this.flushing.then(() =>
      Promise.all(
        writes.map(async ([url, body]) => {
          try {
            const res = await this.send(url, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
            await res.arrayBuffer();
            if (!res.ok) this.forget();
          } catch {
            this.forget();
          }
        }),
      ).then(() => undefined),
    );
    return this.flushing;
  }

  /** Forgets every checkpoint held and drops the deferred writes: the hub's own are read again. */
  forget(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.held.clear();
    this.pending.clear();
  }
}
