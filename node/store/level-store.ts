import { leveldown } from './leveldown.js';

type Callback<T = void> = (err: Error | undefined | null, value?: T) => void;

interface LevelDown {
  open(options: { createIfMissing: boolean }, cb: Callback): void;
  close(cb: Callback): void;
  get(key: string, options: { asBuffer: false }, cb: Callback<string>): void;
  batch(ops: { type: 'put'; key: string; value: string }[], options: { sync: true }, cb: Callback): void;
  iterator(options: { gte: string; lte: string; keyAsBuffer: false; valueAsBuffer: false }): {
    next(cb: (err: Error | undefined | null, key?: string, value?: string) => void): void;
    end(cb: Callback): void;
  };
}

/** A LevelDB of string keys and values: what a store that is never replicated needs, without PouchDB's revision tree. */
export interface LevelStore {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<string | undefined>;
  /** Every key and value from `gte` to `lte` (inclusive), in key order. */
  range(gte: string, lte: string): Promise<[string, string][]>;
  /** Puts every entry in one batch, synced to disk before it resolves: all or none of them. */
  write(entries: readonly { key: string; value: string }[]): Promise<void>;
  close(): Promise<void>;
}

const promised = <T>(run: (cb: Callback<T>) => void) =>
  new Promise<T>((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))));

/** Opens (creating when missing) the LevelDB in the folder `location`. */
export async function openLevelStore(location: string): Promise<LevelStore> {
  const db = leveldown<LevelDown>(location);
  await promised((cb) => db.open({ createIfMissing: true }, cb));
  return {
    get: (key) =>
      new Promise((resolve, reject) =>
        db.get(key, { asBuffer: false }, (err, value) => {
          if (!err) resolve(value);
          else if (/NotFound/i.test(err.message)) resolve(undefined);
          else reject(err);
        }),
      ),
    range: (gte, lte) =>
      new Promise((resolve, reject) => {
        const it = db.iterator({ gte, lte, keyAsBuffer: false, valueAsBuffer: false });
        const out: [string, string][] = [];
        const step = (): void =>
          it.next((err, key, value) => {
            if (err) return it.end(() => reject(err));
            if (key === undefined) return it.end((e) => (e ? reject(e) : resolve(out)));
            out.push([key, value!]);
            step();
          });
        step();
      }),
    write: (entries) =>
      promised((cb) =>
        db.batch(
          entries.map((e) => ({ type: 'put', key: e.key, value: e.value })),
          { sync: true },
          cb,
        ),
      ),
    close: () => promised((cb) => db.close(cb)),
  };
}
