import { mkdirSync } from 'node:fs';
import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { HallnetError } from '../../sync/index.js';
import { auditEntrySchema, type AuditEntry, type AuditEntryBody, type AuditLink } from './audit-entry.js';
import { claimLogFile } from './claim-log-file.js';
import { entryHash, GENESIS_PREV } from './entry-hash.js';

/** An entry body, or a function making it from its chain fields (a seal signs them). */
export type AuditInput = AuditEntryBody | ((link: AuditLink) => AuditEntryBody);

/** What the gateway and the hub's own writers append to. */
export interface AuditSink {
  /** Resolves once the entries are on disk (one write and one fsync for everything queued meanwhile). */
  append(entries: readonly AuditInput[]): Promise<void>;
  /** Set once a write failed: where the file ends is then unknown, so the log takes nothing more. */
  readonly failure: Error | undefined;
}

export interface AuditLogOptions {
  /** The folder of the logs, `HUB_DATA/audit`. */
  dir: string;
  /** This process's name; its log is `<dir>/<instance>.jsonl`, written by no other process. */
  instance: string;
  district: string;
  /** The store's update sequence, asked only when a new log begins. */
  storeSeq: () => Promise<string>;
  clock?: () => Date;
}

// An entry is a couple of kilobytes at most (ids ≤ 300, reasons ≤ 1,000 characters).
const TAIL_BYTES = 64 * 1024;

/**
 * One hub process's append-only, hash-chained audit log: JSON lines, each with `prev` (the hash
 * of the line before) and its own `hash`. Appends queued while a write is on its way go out
 * together in one write and one fsync (group commit), and each caller's promise resolves only
 * once its entries are on disk.
 */
export class AuditLog implements AuditSink {
  failure: Error | undefined;
  private pending: { lines: string[]; done: (err?: Error) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;
  private unsealed: number;

  private constructor(
    readonly path: string,
    private readonly fd: FileHandle,
    private readonly release: () => void,
    private readonly clock: () => Date,
    private last: { n: number; hash: string; sealed: boolean },
  ) {
    this.unsealed = last.sealed ? 0 : 1;
  }

  /** Opens (or begins) this instance's log: a genesis line for a new one, a `resume` line for an existing one. */
  static async open(opts: AuditLogOptions): Promise<AuditLog> {
    const clock = opts.clock ?? (() => new Date());
    mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
    const path = join(opts.dir, `${opts.instance}.jsonl`);
    const release = claimLogFile(path);
    let fd: FileHandle | undefined;
    try {
      const tail = await readTail(path);
      const first = tail
        ? { kind: 'resume' as const, torn: tail.torn }
        : {
            kind: 'genesis' as const,
            instance: opts.instance,
            district: opts.district,
            storeSeq: await opts.storeSeq(),
          };
      fd = await open(path, 'a', 0o640);
      const log = new AuditLog(path, fd, release, clock, tail ?? { n: -1, hash: GENESIS_PREV, sealed: true });
      await log.append([first]);
      return log;
    } catch (err) {
      await fd?.close();
      release();
      throw err;
    }
  }

  /** Entries appended since the last seal. */
  get sinceSeal(): number {
    return this.unsealed;
  }

  append(entries: readonly AuditInput[]): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`audit log ${this.path} is closed`));
    if (entries.length === 0) return Promise.resolve();
    // Chained now, in call order, so the file's order is the order the gateway decided in.
    const lines = entries.map((input) => {
      const link: AuditLink = { v: 1, n: this.last.n + 1, at: this.clock().toISOString(), prev: this.last.hash };
      const body = typeof input === 'function' ? input(link) : input;
      const entry = { ...body, ...link } as Record<string, unknown>;
      const hash = entryHash(entry);
      this.last = { n: link.n, hash, sealed: body.kind === 'seal' };
      this.unsealed = body.kind === 'seal' ? 0 : this.unsealed + 1;
      // The line need not be canonical: the verifier parses it and hashes the canonical form again.
      return JSON.stringify({ ...entry, hash });
    });
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ lines, done: (err) => (err ? reject(err) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  /** Waits for queued entries, then closes the file; later appends are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flushing;
    await this.fd.close();
    this.release();
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        await this.fd.appendFile(`${batch.flatMap((b) => b.lines).join('\n')}\n`);
        await this.fd.datasync();
        for (const b of batch) b.done();
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error(String(err));
        for (const b of [...batch, ...this.pending.splice(0)]) b.done(this.failure);
      }
    }
    this.flushing = undefined;
  }
}

/**
 * The last complete line of an existing log. An unfinished last line (the process died inside a
 * write) was never fsynced, so no node was told its write is stored: it is cut off and counted.
 */
async function readTail(path: string): Promise<{ n: number; hash: string; sealed: boolean; torn: number } | undefined> {
  const size = await stat(path).then(
    (s) => s.size,
    () => 0,
  );
  if (size === 0) return undefined;
  const start = Math.max(0, size - TAIL_BYTES);
  const buf = new Uint8Array(size - start);
  const fd = await open(path, 'r');
  try {
    await fd.read(buf, 0, buf.length, start);
  } finally {
    await fd.close();
  }
  // Bytes, not characters: a newline byte never occurs inside a multi-byte UTF-8 character.
  const end = buf.lastIndexOf(0x0a);
  const torn = buf.length - end - 1;
  if (end < 0 && start === 0) {
    // Not one complete line: the genesis itself was torn. Begin again.
    await truncate(path, 0);
    return undefined;
  }
  if (torn > 0) await truncate(path, size - torn);
  const line = new TextDecoder().decode(buf.subarray(end > 0 ? buf.lastIndexOf(0x0a, end - 1) + 1 : 0, end));
  let entry: AuditEntry;
  try {
    entry = auditEntrySchema.parse(JSON.parse(line));
  } catch (cause) {
    throw new HallnetError(
      'ERR_CONFIG',
      `the last line of ${path} is not an audit entry: run \`hallnet audit verify\``,
      { cause },
    );
  }
  return { n: entry.n, hash: entry.hash, sealed: entry.kind === 'seal', torn };
}
