import { HubCheckpoints, type HubSend } from './hub-checkpoints.js';

/** How long a database info answer is reused, how many pulled revisions are remembered, how often deferred checkpoints go out, and the clock. */
export interface HubShortcutsOptions {
  infoMaxAgeMs?: number;
  maxPulled?: number;
  checkpointFlushMs?: number;
  now?: () => number;
}

const json = (body: string) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });

/**
 * The requests a node's live replication makes of the hub over and over whose answers the node
 * already holds, answered at the node. After each batch PouchDB asks the hub's database info (for
 * its progress figures only), and reads each checkpoint back before writing it again (pull and push
 * each write one); and the push offers the hub, in `_revs_diff`, every revision the pull has just
 * brought from it. For each change a hall sees that was six of its eight requests to the hub.
 * - Checkpoints: see `HubCheckpoints` (read back from what was written, written at most every few seconds).
 * - A revision the pull wrote is one the hub holds: a `_revs_diff` offering only such is answered
 *   "nothing missing"; one offering anything else goes to the hub whole.
 * Everything kept is forgotten when a request to the hub fails: a hub that went away may come back
 * with other data, and the replication's restart then reads the hub's own checkpoints.
 */
export class HubShortcuts {
  private readonly checkpoints: HubCheckpoints;
  private info: { body: string; at: number } | undefined;
  private readonly pulledRevs = new Set<string>();
  private readonly infoMaxAgeMs: number;
  private readonly maxPulled: number;
  private readonly now: () => number;

  constructor(
    private readonly remoteUrl: string,
    send: HubSend,
    opts: HubShortcutsOptions = {},
  ) {
    this.checkpoints = new HubCheckpoints(send, opts.checkpointFlushMs ?? 5_000);
    this.infoMaxAgeMs = opts.infoMaxAgeMs ?? 30_000;
    this.maxPulled = opts.maxPulled ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  /** The hub's answer to this request when the node already holds it; undefined: ask the hub. */
  answer(url: string, init: RequestInit | undefined): Response | undefined {
    const method = init?.method ?? 'GET';
    if (method === 'GET' && url === `${this.remoteUrl}/`) {
      const info = this.info;
      return info && this.now() - info.at < this.infoMaxAgeMs ? json(info.body) : undefined;
    }
    if (this.isCheckpoint(url)) return this.checkpoints.answer(url, method, init?.body);
    if (method === 'POST' && url === `${this.remoteUrl}/_revs_diff` && typeof init?.body === 'string') {
      const offered = JSON.parse(init.body) as Record<string, string[]>;
      const known = Object.entries(offered).every(([id, revs]) =>
        revs.every((rev) => this.pulledRevs.has(`${id}\n${rev}`)),
      );
      return known ? json('{}') : undefined;
    }
    return undefined;
  }

  /** Learns from the hub's answer to a request the node sent it; forgets everything when the hub failed. */
  async learn(url: string, init: RequestInit | undefined, res: Response): Promise<void> {
    if (res.status >= 500) return this.forget();
    if (!res.ok) return;
    const method = init?.method ?? 'GET';
    try {
      if (method === 'GET' && url === `${this.remoteUrl}/`) {
        this.info = { body: await res.clone().text(), at: this.now() };
      } else if (method === 'PUT' && this.isCheckpoint(url) && typeof init?.body === 'string') {
        const { rev } = (await res.clone().json()) as { rev: string };
        this.checkpoints.written(url, init.body, rev);
      }
    } catch {
      this.forget(); // an answer not understood here is left to PouchDB; nothing kept may be wrong
    }
  }

  /** Sends the checkpoint writes still deferred (before the replication stops). */
  flush(): Promise<void> {
    return this.checkpoints.flush();
  }

  /** Forgets every answer kept: a request to the hub failed. */
  forget(): void {
    this.checkpoints.forget();
    this.info = undefined;
    this.pulledRevs.clear();
  }

  /** Notes the revisions the pull wrote into the node's replica: the hub holds them. */
  pulled(docs: readonly { _id: string; _rev?: string }[]): void {
    for (const d of docs) {
      if (d._rev === undefined) continue;
      const key = `${d._id}\n${d._rev}`;
      this.pulledRevs.delete(key);
      this.pulledRevs.add(key);
    }
    // A Set iterates in insertion order: the oldest go first.
    for (const key of this.pulledRevs) {
      if (this.pulledRevs.size <= this.maxPulled) break;
      this.pulledRevs.delete(key);
    }
  }

  private isCheckpoint(url: string): boolean {
    return url.startsWith(`${this.remoteUrl}/_local/`) && !url.includes('?');
  }
}
