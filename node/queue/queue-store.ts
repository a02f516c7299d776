import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import type { z } from 'zod';
import { HallnetError } from '../../sync/index.js';
import { appointmentSchema, type Appointment } from './appointment.js';
import { openLevelStore, type LevelStore } from '../store/level-store.js';
import { serviceWindowSchema, type ServiceWindow } from './service-window.js';
import { ticketSchema, type Ticket } from './ticket.js';

type QueueDoc = Ticket | ServiceWindow | Appointment;

/** What the store holds for one day: that day's tickets, every window, appointments from that day on. */
export interface StoredQueue {
  tickets: Ticket[];
  windows: ServiceWindow[];
  appointments: Appointment[];
}

const keyOf = (d: QueueDoc) => `${d.type}:${d.id}`;
/** How far the personal data of past days was erased (a `YYYYMMDD` day). */
const PURGED = 'meta:purged-until';
/** Where the queue was kept in a PouchDB database, before it had this store. */
const POUCHDB_FOLDER = 'queue';

/**
 * The queue's own LevelDB in `<dataDir>/queue-level`, beside the replica and never synced: tickets
 * hold phones and ID numbers that stay at the hall, and what is never replicated needs no revision
 * tree. Each document is one key (`ticket:<id>`, `window:<id>`, `appointment:<id>`) holding its
 * JSON; a batch of the queue's writes is one LevelDB batch synced to disk before it is answered, so
 * a call acknowledged at the window survives a power cut. Writing reads nothing first: the queue
 * holds the day in memory and is the store's only writer.
 */
export class QueueStore {
  private constructor(
    private readonly db: LevelStore,
    private readonly warn: (msg: string, detail: object) => void,
  ) {}

  /** Opens the queue's store in `dataDir`, taking over what an older version kept there in PouchDB. */
  static async open(dataDir: string, warn: (msg: string, detail: object) => void = () => {}): Promise<QueueStore> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const store = new QueueStore(await openLevelStore(join(dataDir, 'queue-level')), warn);
    try {
      await store.takeOver(join(dataDir, POUCHDB_FOLDER));
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
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
    const json = await this.db.get(`ticket:${id}`);
    if (json === undefined) return undefined;
    const r = ticketSchema.safeParse(parsed(json));
    return r.success ? r.data : undefined;
  }

  /** Writes documents in one batch, synced to disk: all of them or, when it throws, none. */
  async save(docs: readonly QueueDoc[]): Promise<void> {
    if (!docs.length) return;
    try {
      await this.db.write(docs.map((d) => ({ key: keyOf(d), value: JSON.stringify(d) })));
    } catch (err) {
      throw new HallnetError('ERR_INTERNAL', `queue write failed: ${(err as Error).message}`);
    }
  }

  /**
   * Erases the ID number and phone of every ticket and appointment of the days before `day`
   * (`YYYYMMDD`), the rest of each kept for the figures. Resumes where the last purge stopped, so
   * each document is looked at once. Answers how many were erased.
   */
  async purgePersonalData(day: string): Promise<number> {
    const from = (await this.db.get(PURGED)) ?? '';
    if (from >= day) return 0;
    const bare: { key: string; value: string }[] = [];
    for (const prefix of ['ticket:', 'appointment:']) {
      for (const [key, json] of await this.db.range(`${prefix}${from}`, `${prefix}${day}`)) {
        const doc = JSON.parse(json) as Record<string, unknown>;
        if (doc.idNumber === undefined && doc.phone === undefined) continue;
        const { idNumber: _i, phone: _p, ...rest } = doc;
        bare.push({ key, value: JSON.stringify(rest) });
      }
    }
    await this.db.write([...bare, { key: PURGED, value: day }]);
    return bare.length;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private async range<T extends z.ZodType>(from: string, to: string, schema: T): Promise<z.infer<T>[]> {
    const out: z.infer<T>[] = [];
    for (const [key, json] of await this.db.range(from, to)) {
      const r = schema.safeParse(parsed(json));
      if (!r.success) {
        this.warn('queue document skipped', { id: key, issues: r.error.issues.slice(0, 3) });
        continue;
      }
      out.push(r.data);
    }
    return out;
  }

  /**
   * Copies what an older version kept in a PouchDB database at `folder` into this store, then
   * removes that folder. Copied in one synced batch, then renamed aside at once and removed: a
   * crash before the rename copies the same documents again at the next start, one after it only
   * leaves a folder to remove (never a half-removed database to open).
   */
  private async takeOver(folder: string): Promise<void> {
    const aside = `${folder}.taken-over`;
    rmSync(aside, { recursive: true, force: true });
    if (!existsSync(folder)) return;
    const old = new PouchDB(folder);
    let docs: { key: string; value: string }[];
    let purged: string | undefined;
    try {
      const res = await old.allDocs({ include_docs: true });
      docs = res.rows.flatMap((row) => {
        if (!row.doc) return [];
        const { _id, _rev: _r, ...doc } = row.doc as unknown as Record<string, unknown> & { _id: string };
        return [{ key: _id, value: JSON.stringify(doc) }];
      });
      purged = (await old.get<{ day: string }>('_local/purged-until').catch(() => undefined))?.day;
    } finally {
      await old.close();
    }
    await this.db.write([...docs, ...(purged ? [{ key: PURGED, value: purged }] : [])]);
    renameSync(folder, aside);
    rmSync(aside, { recursive: true, force: true });
    this.warn('queue taken over from its PouchDB database', { documents: docs.length });
  }
}

/** The JSON's value, or undefined where it is not JSON (the schema then refuses it like any stray document). */
function parsed(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}
