type Doc = { _id: string; _rev?: string } & Record<string, unknown>;
type Result = PouchDB.Core.Response | PouchDB.Core.Error;

interface Waiting {
  docs: Doc[];
  resolve: (results: Result[]) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for one PouchDB database: writes asked for while a batch is being stored wait and
 * then go together as the next `bulkDocs` — one LevelDB batch, one fsync — and each caller is
 * answered only once that batch is on disk. A write to an idle database goes at once, so nothing
 * waits for a timer. PouchDB stores one batch at a time anyway (its write lock), so gathering the
 * writes that queue behind it costs no latency and saves one fsync per write.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private busy = false;

  constructor(private readonly db: PouchDB.Database) {}

  /** Stores `docs` in the next batch; answers each document's result as `bulkDocs` does. */
  write(docs: readonly Doc[]): Promise<Result[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ docs: [...docs], resolve, reject });
      if (!this.busy) void this.drain();
    });
  }

  /** Stores one document; throws its error (a 409 conflict, say) as `db.put` does. */
  async put(doc: Doc): Promise<PouchDB.Core.Response> {
    const [res] = await this.write([doc]);
    if (!res || !('ok' in res) || !res.ok) throw res ?? new Error('no result from bulkDocs');
    return res;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting.length) {
        const group = this.waiting;
        this.waiting = [];
        let results: Result[];
        try {
          // Documents of one id in one batch are applied in order, as separate writes would be.
          results = await this.db.bulkDocs(group.flatMap((w) => w.docs) as PouchDB.Core.PutDocument<object>[]);
        } catch (err) {
          for (const w of group) w.reject(err);
          continue;
        }
        let at = 0;
        for (const w of group) {
          w.resolve(results.slice(at, at + w.docs.length));
          at += w.docs.length;
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
