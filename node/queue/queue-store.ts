import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { z } from 'zod';
import { HallnetError } from '../../sync/index.js';
import { durableLeveldown } from '../store/durable-leveldown.js';
import { appointmentSchema, type Appointment } from './appointment.js';
import { serviceWindowSchema, type ServiceWindow } from './service-window.js';
import { ticketSchema, type Ticket } from './ticket.js';

type QueueDoc = Ticket | ServiceWindow | Appointment;

/** What the store holds for one day: that day's tickets, every window, appointments from that day on. */
export interface StoredQueue {
  tickets: Ticket[];
  windows: ServiceWindow[];
  appointments: Appointment[];
}

const docId = (d: QueueDoc) => `${d.type}:${d.id}`;

/**
 * The queue's own PouchDB in `<dataDir>/queue`, beside the replica and never synced: tickets hold
 * phones and ID numbers that stay at the hall, and a separate database (unlike `_local/`
 * documents in the replica) can be listed by prefix at start and cannot be swept into the
 * replication by a later change to the sync filter. Writes are synced to disk like the replica's.
 */
export class QueueStore {
  private readonly revs = new Map<string, string>();

  private constructor(
    private readonly db: PouchDB.Database,
    private readonly owned: boolean,
    private readonly warn: (msg: string, detail: object) => void,
  ) {}

  /** Opens the queue database in `dataDir`, or uses `db` (which the caller then closes). */
  static open(
    where: { dataDir: string } | { db: PouchDB.Database },
    warn: (msg: string, detail: object) => void = () => {},
  ): QueueStore {
    if ('db' in where) return new QueueStore(where.db, false, warn);
    mkdirSync(where.dataDir, { recursive: true, mode: 0o700 });
    const db = new PouchDB(join(where.dataDir, 'queue'), {
      auto_compaction: true,
      db: durableLeveldown,
    } as PouchDB.Configuration.DatabaseConfiguration);
    return new QueueStore(db, true, warn);
  }

  /** Reads what the queue needs in memory for `day`; documents that fail their schema are skipped with a warning. */
  async load(day: string): Promise<StoredQueue> {
    return {
      tickets: await this.range(`ticket:${day}-`, `ticket:${day}-\uffff`, ticketSchema),
      windows: await this.range('window:', 'window:\uffff', serviceWindowSchema),
      appointments: (await this.range(`appointment:${day}`, 'appointment:\uffff', appointmentSchema)).filter(
        (a) => a.state === 'booked' || a.day === day,
      ),
    };
  }

  /** One ticket of any day, for a resident who follows an old slip. */
  async ticket(id: string): Promise<Ticket | undefined> {
    try {
      const doc = await this.db.get(`ticket:${id}`);
      const r = ticketSchema.safeParse(doc);
      return r.success ? r.data : undefined;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }

  /** Writes documents in one batch; throws, having written what it could, when any is refused. */
  async save(docs: readonly QueueDoc[]): Promise<void> {
    if (!docs.length) return;
    const body = docs.map((d) => {
      const _id = docId(d);
      const _rev = this.revs.get(_id);
      return { ...d, _id, ...(_rev ? { _rev } : {}) };
    });
    const results = await this.db.bulkDocs(body);
    const failed: string[] = [];
    results.forEach((r, i) => {
      if ('ok' in r && r.ok) this.revs.set(body[i]!._id, r.rev);
      else failed.push(`${body[i]!._id}: ${(r as PouchDB.Core.Error).message ?? 'refused'}`);
    });
    if (failed.length) throw new HallnetError('ERR_INTERNAL', `queue write refused: ${failed.join('; ')}`);
  }

  /**
   * Erases the ID number and phone of every ticket and appointment of the days before `day`
   * (`YYYYMMDD`), the rest of each kept for the figures. Resumes where the last purge stopped (a
   * `_local` marker), so each document is looked at once. Answers how many were erased.
   */
  async purgePersonalData(day: string): Promise<number> {
    const MARK = '_local/purged-until';
    const mark = await this.db.get<{ day: string }>(MARK).catch(() => undefined);
    const from = mark?.day ?? '';
    if (from >= day) return 0;
    let erased = 0;
    for (const prefix of ['ticket:', 'appointment:']) {
      const res = await this.db.allDocs({
        include_docs: true,
        startkey: `${prefix}${from}`,
        endkey: `${prefix}${day}`,
      });
      const bare = res.rows.flatMap((row) => {
        const doc = row.doc as (Record<string, unknown> & { _id: string; _rev: string }) | undefined;
        if (!doc || (doc.idNumber === undefined && doc.phone === undefined)) return [];
        const { idNumber: _i, phone: _p, ...rest } = doc;
        return [rest];
      });
      for (const r of bare.length ? await this.db.bulkDocs(bare) : []) {
        if ('ok' in r && r.ok) {
          this.revs.set(r.id, r.rev);
          erased++;
        }
      }
    }
    await this.db.put({ _id: MARK, day, ...(mark ? { _rev: (mark as { _rev?: string })._rev } : {}) });
    return erased;
  }

  async close(): Promise<void> {
    if (this.owned) await this.db.close();
  }

  private async range<T extends z.ZodType>(startkey: string, endkey: string, schema: T): Promise<z.infer<T>[]> {
    const res = await this.db.allDocs({ include_docs: true, startkey, endkey });
    const out: z.infer<T>[] = [];
    for (const row of res.rows) {
      if (!row.doc) continue;
      const r = schema.safeParse(row.doc);
      if (!r.success) {
        this.warn('queue document skipped', { id: row.id, issues: r.error.issues.slice(0, 3) });
        continue;
      }
      this.revs.set(row.id, row.value.rev);
      out.push(r.data);
    }
    return out;
  }
}
