import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import {
  STAFF_HISTORY_KEPT,
  type Account,
  type Counter,
  type IdentityStore,
  type OtpRecord,
  type RefreshRecord,
  type ResidentAccount,
  type SigningKeyRecord,
  type StaffAccount,
} from '../../store/identity-store.js';

interface Doc<T> {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  v: T;
}
/** Who holds a unique value (a phone, an ID number), and since when. */
interface Claim {
  sub: string;
  at: number;
}

// A claim whose account never appeared after this long was left by a crash mid-sign-up.
const STALE_CLAIM_MS = 60_000;
const MAX_RETRIES = 20;

const isStatus = (err: unknown, status: number) => (err as { status?: number }).status === status;

/**
 * The identity store on PouchDB/LevelDB at `<dir>/<name>` (name `identity`): a database of its
 * own, never replicated, so no node ever receives an account, a verifier or a private key.
 * With `url` instead, a database of a CouchDB server (the hub's store server): every hub
 * instance over that store then shares one set of accounts, sessions and signing keys; it only
 * reads, writes over revisions and lists ids, which CouchDB 3 checks as PouchDB does.
 */
export async function createPouchIdentityStore(
  opts: { dir: string; name?: string } | { url: string },
): Promise<IdentityStore> {
  let db: PouchDB.Database<{ v: unknown }>;
  if ('url' in opts) {
    db = new PouchDB<{ v: unknown }>(opts.url);
  } else {
    // LevelDB creates the database folder but not its parents.
    await mkdir(opts.dir, { recursive: true });
    // Nothing replicates from here, so old revisions serve no one: compact them away.
    db = new PouchDB<{ v: unknown }>(join(opts.dir, opts.name ?? 'identity'), {
      auto_compaction: true,
      revs_limit: 10,
    });
  }
  await db.info(); // fail at start, not at the first request, if the folder is locked

  async function read<T>(id: string): Promise<Doc<T> | undefined> {
    try {
      return (await db.get(id)) as unknown as Doc<T>;
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** Writes a new document; false if one exists. */
  async function create<T>(id: string, v: T): Promise<boolean> {
    try {
      await db.put({ _id: id, v });
      return true;
    } catch (err) {
      if (isStatus(err, 409)) return false;
      throw err;
    }
  }

  /**
   * Read-modify-write with the revision as the lock: `change` sees the current value and returns
   * the next one (`null` deletes, `undefined` leaves it); on a conflict it runs again on the newer value.
   */
  async function update<T, R>(
    id: string,
    change: (cur: T | undefined) => { next: T | null | undefined; result: R },
  ): Promise<R> {
    for (let i = 0; i < MAX_RETRIES; i++) {
      const cur = await read<T>(id);
      const { next, result } = change(cur ? structuredClone(cur.v) : undefined);
      if (next === undefined || (next === null && !cur)) return result;
      const doc: Doc<T | null> =
        next === null
          ? { _id: id, _rev: cur!._rev, _deleted: true, v: null }
          : { _id: id, ...(cur ? { _rev: cur._rev } : {}), v: next };
      try {
        await db.put(doc);
        return result;
      } catch (err) {
        if (!isStatus(err, 409)) throw err;
      }
    }
    throw new Error(`identity store: ${id} kept changing under ${MAX_RETRIES} attempts`);
  }

  async function remove(id: string): Promise<void> {
    await update<unknown, void>(id, () => ({ next: null, result: undefined }));
  }

  /** Takes a unique value for `sub`; a stale claim whose account never appeared is taken over. */
  async function claim(id: string, sub: string, now: number): Promise<boolean> {
    if (await create<Claim>(id, { sub, at: now })) return true;
    const cur = await read<Claim>(id);
    if (!cur) return create<Claim>(id, { sub, at: now });
    if (now - cur.v.at < STALE_CLAIM_MS || (await read(accountId(cur.v.sub)))) return false;
    try {
      await db.put({ _id: id, _rev: cur._rev, v: { sub, at: now } });
      return true;
    } catch (err) {
      if (isStatus(err, 409)) return false;
      throw err;
    }
  }

  async function release(id: string, sub: string): Promise<void> {
    await update<Claim, void>(id, (cur) => ({ next: cur?.sub === sub ? null : undefined, result: undefined }));
  }

  /** The staff accounts indexed under `prefix` whose current org passes `keep`, ordered by account. */
  async function staffUnder(prefix: string, keep: (a: StaffAccount) => boolean): Promise<StaffAccount[]> {
    const index = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
    const ids = [...new Set(index.rows.map((r) => accountId((r.doc as unknown as Doc<{ sub: string }>).v.sub)))];
    if (ids.length === 0) return [];
    const rows = await db.allDocs({ keys: ids, include_docs: true });
    return rows.rows
      .flatMap((r) => {
        const a = 'doc' in r && r.doc ? (r.doc as unknown as Doc<Account>).v : undefined;
        return a?.kind === 'staff' && keep(a) ? [a] : [];
      })
      .sort((x, y) => (x.account < y.account ? -1 : 1));
  }

  async function accountBehind(claimId: string): Promise<ResidentAccount | undefined> {
    const c = await read<Claim>(claimId);
    const a = c ? await read<Account>(accountId(c.v.sub)) : undefined;
    return a?.v.kind === 'resident' ? a.v : undefined;
  }

  return {
    async createAccount(a) {
      if (a.kind === 'staff') {
        if (!(await create(accountId(a.sub), a))) return { ok: false, taken: 'sub' };
        await create(staffOrgId(a.org, a.account), { sub: a.sub });
        return { ok: true };
      }
      const phone = `claim:phone:${a.phone}`;
      const idNumber = `claim:idNumber:${a.idNumber}`;
      if (!(await claim(phone, a.sub, a.createdAt))) return { ok: false, taken: 'phone' };
      if (!(await claim(idNumber, a.sub, a.createdAt))) {
        await release(phone, a.sub);
        return { ok: false, taken: 'idNumber' };
      }
      if (!(await create(accountId(a.sub), a))) {
        await Promise.all([release(phone, a.sub), release(idNumber, a.sub)]);
        return { ok: false, taken: 'sub' };
      }
      return { ok: true };
    },
    async getAccount(sub) {
      return (await read<Account>(accountId(sub)))?.v;
    },
    async findResident(by, value) {
      return accountBehind(`claim:${by}:${value}`);
    },
    async markResidentVerified(sub, verification) {
      return update<Account, ResidentAccount | undefined>(accountId(sub), (cur) => {
        if (cur?.kind !== 'resident') return { next: undefined, result: undefined };
        if (cur.verification) return { next: undefined, result: cur };
        const next = { ...cur, verification };
        return { next, result: next };
      });
    },
    async listStaff(org) {
      return staffUnder(staffOrgId(org, ''), (a) => a.org === org);
    },
    async listStaffWithin(org) {
      // `org|` and `org/…|` both start with `org`; a sibling slug that merely starts alike is left out by isWithin.
      return staffUnder(`staff-org:${org}`, (a) => a.org === org || a.org.startsWith(`${org}/`));
    },
    async updateStaff(sub, change) {
      const before = (await read<Account>(accountId(sub)))?.v;
      const after = await update<Account, StaffAccount | undefined>(accountId(sub), (cur) => {
        if (cur?.kind !== 'staff') return { next: undefined, result: undefined };
        const { record, ...fields } = change;
        const next: StaffAccount = {
          ...cur,
          ...fields,
          ...(record ? { history: [...(cur.history ?? []), record].slice(-STAFF_HISTORY_KEPT) } : {}),
        };
        return { next, result: next };
      });
      // The org index follows a move; a stale entry is harmless (listing checks the account's org).
      if (after && before?.kind === 'staff' && before.org !== after.org) {
        await create(staffOrgId(after.org, after.account), { sub });
        await remove(staffOrgId(before.org, before.account));
      }
      return after;
    },

    async saveRefresh(t) {
      await update<RefreshRecord, void>(`refresh:${t.hash}`, () => ({ next: t, result: undefined }));
    },
    async useRefresh(hash, now) {
      return update<RefreshRecord, { token: RefreshRecord; firstUse: boolean } | undefined>(
        `refresh:${hash}`,
        (cur) => {
          if (!cur) return { next: undefined, result: undefined };
          if (cur.usedAt !== undefined) return { next: undefined, result: { token: cur, firstUse: false } };
          const token = { ...cur, usedAt: now };
          return { next: token, result: { token, firstUse: true } };
        },
      );
    },
    async revokeFamily(familyId, now) {
      await update<{ revokedAt: number }, void>(`family:${familyId}`, (cur) => ({
        next: cur ?? { revokedAt: now },
        result: undefined,
      }));
    },
    async familyRevoked(familyId) {
      return (await read(`family:${familyId}`)) !== undefined;
    },

    async bump(key, now, windowMs) {
      return update<Counter, Counter>(`counter:${key}`, (c) => {
        const next =
          !c || now - c.windowStart >= windowMs
            ? { count: 1, windowStart: now }
            : { count: c.count + 1, windowStart: c.windowStart };
        return { next, result: next };
      });
    },
    async peek(key) {
      return (await read<Counter>(`counter:${key}`))?.v;
    },
    async clear(key) {
      await remove(`counter:${key}`);
    },

    async saveOtp(otp) {
      await update<OtpRecord, void>(`otp:${otp.phone}`, () => ({ next: otp, result: undefined }));
    },
    async attemptOtp(phone) {
      return update<OtpRecord, OtpRecord | undefined>(`otp:${phone}`, (cur) => {
        if (!cur) return { next: undefined, result: undefined };
        const next = { ...cur, attempts: cur.attempts + 1 };
        return { next, result: next };
      });
    },
    async spendOtp(phone, codeHash) {
      return update<OtpRecord, boolean>(`otp:${phone}`, (cur) =>
        cur?.codeHash === codeHash ? { next: null, result: true } : { next: undefined, result: false },
      );
    },

    async listKeys() {
      const rows = await db.allDocs({ startkey: 'key:', endkey: 'key:\ufff0', include_docs: true });
      return rows.rows.map((r) => (r.doc as unknown as Doc<SigningKeyRecord>).v);
    },
    async saveKey(k) {
      await update<SigningKeyRecord, void>(`key:${k.kid}`, () => ({ next: k, result: undefined }));
    },

    async close() {
      await db.close();
    },
  };
}

const accountId = (sub: string) => `account:${sub}`;
// "|" cannot occur in an org path, so one org's range never takes in the orgs below it.
const staffOrgId = (org: string, account: string) => `staff-org:${org}|${account}`;
