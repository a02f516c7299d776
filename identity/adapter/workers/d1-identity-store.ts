import type { StaffRole } from '../../principal.js';
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
  type StaffHistoryEntry,
} from '../../store/identity-store.js';
import type { D1Database } from './d1-database.js';

interface AccountRow {
  sub: string;
  kind: 'resident' | 'staff';
  name: string;
  verifier: string | null;
  created_at: number;
  id_number: string | null;
  phone: string | null;
  verified_at: number | null;
  verified_by: string | null;
  verified_org: string | null;
  account: string | null;
  org: string | null;
  roles: string | null;
  created_by: string | null;
  staff_phone: string | null;
  disabled: number;
  valid_from: number | null;
  history: string | null;
}
interface RefreshRow {
  hash: string;
  family_id: string;
  sub: string;
  issued_at: number;
  expires_at: number;
  family_expires_at: number;
  used_at: number | null;
}
interface OtpRow {
  phone: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
}
interface KeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  retired_at: number | null;
}

/** What a sweep removed. */
export interface D1SweepResult {
  counters: number;
  refreshTokens: number;
  revokedFamilies: number;
  otps: number;
}

/** The D1 identity store, with the clean-up a scheduled Worker run calls. */
export interface D1IdentityStore extends IdentityStore {
  /** Deletes what can no longer matter at `now`: old counters, ended logins, expired codes. */
  sweep(now: number): Promise<D1SweepResult>;
}

// Every counter window is at most a day (failed passwords); one untouched for two is over. The
// login guard's `known:` marks (an address an account logged in from) last 30 days.
const COUNTER_KEEP_MS = 2 * 86_400_000;
const KNOWN_KEEP_MS = 30 * 86_400_000;

/**
 * The IdentityStore on Cloudflare D1, the schema in `migrations/` at the repository's root. Each
 * operation is one statement (or one `batch`, which D1 runs as a transaction), and D1 applies a
 * database's writes one at a time, so counters, first uses of refresh tokens and code spends are
 * exact across every Worker instance.
 */
export function createD1IdentityStore(db: D1Database): D1IdentityStore {
  const one = async <T>(sql: string, ...values: unknown[]) =>
    (await db
      .prepare(sql)
      .bind(...values)
      .first<T>()) ?? undefined;
  const changes = async (sql: string, ...values: unknown[]) =>
    (
      await db
        .prepare(sql)
        .bind(...values)
        .run()
    ).meta.changes;

  return {
    async createAccount(a) {
      const inserted =
        a.kind === 'staff'
          ? await changes(
              `INSERT INTO accounts (sub, kind, name, verifier, created_at, account, org, roles, created_by, staff_phone, disabled, valid_from)
               VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
              a.sub,
              a.name,
              a.verifier,
              a.createdAt,
              a.account,
              a.org,
              JSON.stringify(a.roles),
              a.createdBy,
              a.phone ?? null,
              a.disabled ? 1 : 0,
              a.validFrom ?? null,
            )
          : await changes(
              `INSERT INTO accounts (sub, kind, name, verifier, created_at, id_number, phone, verified_at, verified_by, verified_org)
               VALUES (?, 'resident', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
              a.sub,
              a.name,
              a.verifier,
              a.createdAt,
              a.idNumber,
              a.phone,
              a.verification?.at ?? null,
              a.verification?.by ?? null,
              a.verification?.org ?? null,
            );
      if (inserted === 1) return { ok: true };
      const phone = a.kind === 'resident' ? a.phone : null;
      const idNumber = a.kind === 'resident' ? a.idNumber : null;
      const { results } = await db
        .prepare('SELECT sub, phone, id_number FROM accounts WHERE sub = ? OR phone = ? OR id_number = ?')
        .bind(a.sub, phone, idNumber)
        .all<Pick<AccountRow, 'sub' | 'phone' | 'id_number'>>();
      if (results.some((r) => r.sub === a.sub)) return { ok: false, taken: 'sub' };
      return { ok: false, taken: results.some((r) => r.phone === phone) ? 'phone' : 'idNumber' };
    },
    async getAccount(sub) {
      const row = await one<AccountRow>('SELECT * FROM accounts WHERE sub = ?', sub);
      return row && toAccount(row);
    },
    async findResident(by, value) {
      const column = by === 'phone' ? 'phone' : 'id_number';
      const row = await one<AccountRow>(`SELECT * FROM accounts WHERE kind = 'resident' AND ${column} = ?`, value);
      return row && (toAccount(row) as ResidentAccount);
    },
    async listStaff(org) {
      const { results } = await db
        .prepare("SELECT * FROM accounts WHERE kind = 'staff' AND org = ? ORDER BY account")
        .bind(org)
        .all<AccountRow>();
      return results.map((r) => toAccount(r) as StaffAccount);
    },
    async listStaffWithin(org) {
      // Org paths are lowercase slugs and "/": nothing in them is a LIKE wildcard.
      const { results } = await db
        .prepare("SELECT * FROM accounts WHERE kind = 'staff' AND (org = ? OR org LIKE ?) ORDER BY account")
        .bind(org, `${org}/%`)
        .all<AccountRow>();
      return results.map((r) => toAccount(r) as StaffAccount);
    },
    async updateStaff(sub, change) {
      const columns: [string, unknown][] = [];
      if (change.org !== undefined) columns.push(['org', change.org]);
      if (change.roles !== undefined) columns.push(['roles', JSON.stringify(change.roles)]);
      if (change.disabled !== undefined) columns.push(['disabled', change.disabled ? 1 : 0]);
      if (change.validFrom !== undefined) columns.push(['valid_from', change.validFrom]);
      if (change.verifier !== undefined) columns.push(['verifier', change.verifier]);
      if (change.phone !== undefined) columns.push(['staff_phone', change.phone]);
      const read = db.prepare("SELECT * FROM accounts WHERE sub = ? AND kind = 'staff'").bind(sub);
      if (!columns.length && !change.record) {
        const row = await read.first<AccountRow>();
        return row ? (toAccount(row) as StaffAccount) : undefined;
      }
      const sets = columns.map(([c]) => `${c} = ?`);
      const values = columns.map(([, v]) => v);
      if (change.record) {
        // Appended in the statement itself, so two admins' changes at once both stay in the trail.
        const appended = "json_each(json_insert(COALESCE(history, '[]'), '$[#]', json(?)))";
        sets.push(
          `history = (SELECT json_group_array(json(value)) FROM (SELECT * FROM (SELECT key, value FROM ${appended} ORDER BY key DESC LIMIT ${STAFF_HISTORY_KEPT}) ORDER BY key))`,
        );
        values.push(JSON.stringify(change.record));
      }
      const set = db
        .prepare(`UPDATE accounts SET ${sets.join(', ')} WHERE sub = ? AND kind = 'staff'`)
        .bind(...values, sub);
      const [, after] = await db.batch<AccountRow>([set, read]);
      const row = after?.results[0];
      return row && (toAccount(row) as StaffAccount);
    },
    async markResidentVerified(sub, v) {
      const [, read] = await db.batch<AccountRow>([
        db
          .prepare(
            "UPDATE accounts SET verified_at = ?, verified_by = ?, verified_org = ? WHERE sub = ? AND kind = 'resident' AND verified_at IS NULL",
          )
          .bind(v.at, v.by, v.org, sub),
        db.prepare("SELECT * FROM accounts WHERE sub = ? AND kind = 'resident'").bind(sub),
      ]);
      const row = read?.results[0];
      return row && (toAccount(row) as ResidentAccount);
    },

    async saveRefresh(t) {
      await db
        .prepare(
          'INSERT OR REPLACE INTO refresh_tokens (hash, family_id, sub, issued_at, expires_at, family_expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .bind(t.hash, t.familyId, t.sub, t.issuedAt, t.expiresAt, t.familyExpiresAt, t.usedAt ?? null)
        .run();
    },
    async useRefresh(hash, now) {
      const [used, read] = await db.batch<RefreshRow>([
        db
          .prepare('UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL RETURNING hash')
          .bind(now, hash),
        db.prepare('SELECT * FROM refresh_tokens WHERE hash = ?').bind(hash),
      ]);
      const row = read?.results[0];
      return row && { token: toRefresh(row), firstUse: (used?.results.length ?? 0) === 1 };
    },
    async revokeFamily(familyId, now) {
      await changes(
        'INSERT INTO revoked_families (family_id, revoked_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
        familyId,
        now,
      );
    },
    async familyRevoked(familyId) {
      return (await one('SELECT 1 AS revoked FROM revoked_families WHERE family_id = ?', familyId)) !== undefined;
    },

    async bump(key, now, windowMs) {
      // One statement: the window restarts or the count goes up, both read from the row as it was.
      const row = await one<{ count: number; window_start: number }>(
        `INSERT INTO counters (key, count, window_start) VALUES (?1, 1, ?2)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN ?2 - window_start >= ?3 THEN 1 ELSE count + 1 END,
           window_start = CASE WHEN ?2 - window_start >= ?3 THEN ?2 ELSE window_start END
         RETURNING count, window_start`,
        key,
        now,
        windowMs,
      );
      return { count: row!.count, windowStart: row!.window_start };
    },
    async peek(key) {
      const row = await one<{ count: number; window_start: number }>(
        'SELECT count, window_start FROM counters WHERE key = ?',
        key,
      );
      return row && ({ count: row.count, windowStart: row.window_start } satisfies Counter);
    },
    async clear(key) {
      await changes('DELETE FROM counters WHERE key = ?', key);
    },

    async saveOtp(o) {
      await changes(
        'INSERT OR REPLACE INTO otps (phone, code_hash, expires_at, attempts) VALUES (?, ?, ?, ?)',
        o.phone,
        o.codeHash,
        o.expiresAt,
        o.attempts,
      );
    },
    async attemptOtp(phone) {
      const row = await one<OtpRow>('UPDATE otps SET attempts = attempts + 1 WHERE phone = ? RETURNING *', phone);
      return (
        row &&
        ({
          phone: row.phone,
          codeHash: row.code_hash,
          expiresAt: row.expires_at,
          attempts: row.attempts,
        } satisfies OtpRecord)
      );
    },
    async spendOtp(phone, codeHash) {
      return (await changes('DELETE FROM otps WHERE phone = ? AND code_hash = ?', phone, codeHash)) === 1;
    },

    async listKeys() {
      const { results } = await db.prepare('SELECT * FROM signing_keys').all<KeyRow>();
      return results.map(toKey);
    },
    async saveKey(k) {
      await changes(
        'INSERT OR REPLACE INTO signing_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)',
        k.kid,
        JSON.stringify(k.privateJwk),
        JSON.stringify(k.publicJwk),
        k.createdAt,
        k.retiredAt ?? null,
      );
    },

    async sweep(now) {
      const [counters, refreshTokens, revokedFamilies, otps] = await db.batch([
        db
          .prepare("DELETE FROM counters WHERE window_start < ? AND (key NOT LIKE 'known:%' OR window_start < ?)")
          .bind(now - COUNTER_KEEP_MS, now - KNOWN_KEEP_MS),
        db.prepare('DELETE FROM refresh_tokens WHERE family_expires_at < ?').bind(now),
        db.prepare('DELETE FROM revoked_families WHERE family_id NOT IN (SELECT family_id FROM refresh_tokens)'),
        db.prepare('DELETE FROM otps WHERE expires_at < ?').bind(now),
      ]);
      return {
        counters: counters?.meta.changes ?? 0,
        refreshTokens: refreshTokens?.meta.changes ?? 0,
        revokedFamilies: revokedFamilies?.meta.changes ?? 0,
        otps: otps?.meta.changes ?? 0,
      };
    },

    // The binding belongs to the Worker's environment: nothing to close.
    async close() {},
  };
}

function toAccount(r: AccountRow): Account {
  if (r.kind === 'staff') {
    return {
      kind: 'staff',
      sub: r.sub,
      account: r.account!,
      name: r.name,
      org: r.org!,
      roles: JSON.parse(r.roles!) as StaffRole[],
      verifier: r.verifier!,
      createdAt: r.created_at,
      createdBy: r.created_by!,
      ...(r.staff_phone === null ? {} : { phone: r.staff_phone }),
      ...(r.disabled ? { disabled: true } : {}),
      ...(r.valid_from === null ? {} : { validFrom: r.valid_from }),
      ...(r.history === null ? {} : { history: JSON.parse(r.history) as StaffHistoryEntry[] }),
    };
  }
  return {
    kind: 'resident',
    sub: r.sub,
    name: r.name,
    idNumber: r.id_number!,
    phone: r.phone!,
    verifier: r.verifier,
    createdAt: r.created_at,
    ...(r.verified_at === null
      ? {}
      : { verification: { at: r.verified_at, by: r.verified_by!, org: r.verified_org! } }),
  };
}

function toRefresh(r: RefreshRow): RefreshRecord {
  return {
    hash: r.hash,
    familyId: r.family_id,
    sub: r.sub,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    familyExpiresAt: r.family_expires_at,
    ...(r.used_at === null ? {} : { usedAt: r.used_at }),
  };
}

function toKey(r: KeyRow): SigningKeyRecord {
  return {
    kid: r.kid,
    privateJwk: JSON.parse(r.private_jwk),
    publicJwk: JSON.parse(r.public_jwk),
    createdAt: r.created_at,
    ...(r.retired_at === null ? {} : { retiredAt: r.retired_at }),
  };
}
