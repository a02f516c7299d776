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
} from './identity-store.js';

/**
 * An IdentityStore in process memory, for tests and local tools. Counters and sessions here do
 * not hold across instances, so never use it where more than one instance serves requests.
 */
export function createMemoryIdentityStore(): IdentityStore {
  const accounts = new Map<string, Account>();
  const byPhone = new Map<string, string>();
  const byIdNumber = new Map<string, string>();
  const refresh = new Map<string, RefreshRecord>();
  const revoked = new Set<string>();
  const counters = new Map<string, Counter>();
  const otps = new Map<string, OtpRecord>();
  const keys = new Map<string, SigningKeyRecord>();
  // Copies in and out, so callers cannot change stored records by holding a reference.
  const copy = structuredClone;

  return {
    async createAccount(a) {
      if (accounts.has(a.sub)) return { ok: false, taken: 'sub' };
      if (a.kind === 'resident') {
        if (byPhone.has(a.phone)) return { ok: false, taken: 'phone' };
        if (byIdNumber.has(a.idNumber)) return { ok: false, taken: 'idNumber' };
        byPhone.set(a.phone, a.sub);
        byIdNumber.set(a.idNumber, a.sub);
      }
      accounts.set(a.sub, copy(a));
      return { ok: true };
    },
    async getAccount(sub) {
      const a = accounts.get(sub);
      return a && copy(a);
    },
    async findResident(by, value) {
      const sub = (by === 'phone' ? byPhone : byIdNumber).get(value);
      const a = sub ? accounts.get(sub) : undefined;
      return a?.kind === 'resident' ? (copy(a) as ResidentAccount) : undefined;
    },
    async markResidentVerified(sub, verification) {
      const a = accounts.get(sub);
      if (a?.kind !== 'resident') return undefined;
      a.verification ??= copy(verification);
      return copy(a);
    },
    async listStaff(org) {
      return [...accounts.values()]
        .filter((a): a is StaffAccount => a.kind === 'staff' && a.org === org)
        .sort((x, y) => (x.account < y.account ? -1 : 1))
        .map((a) => copy(a));
    },
    async listStaffWithin(org) {
      return [...accounts.values()]
        .filter((a): a is StaffAccount => a.kind === 'staff' && (a.org === org || a.org.startsWith(`${org}/`)))
        .sort((x, y) => (x.account < y.account ? -1 : 1))
        .map((a) => copy(a));
    },
    async updateStaff(sub, change) {
      const a = accounts.get(sub);
      if (a?.kind !== 'staff') return undefined;
      const { record, ...fields } = copy(change);
      Object.assign(a, fields);
      if (record) a.history = [...(a.history ?? []), record].slice(-STAFF_HISTORY_KEPT);
      return copy(a);
    },

    async saveRefresh(t) {
      refresh.set(t.hash, copy(t));
    },
    async useRefresh(hash, now) {
      const t = refresh.get(hash);
      if (!t) return undefined;
      const firstUse = t.usedAt === undefined;
      if (firstUse) t.usedAt = now;
      return { token: copy(t), firstUse };
    },
    async revokeFamily(familyId) {
      revoked.add(familyId);
    },
    async familyRevoked(familyId) {
      return revoked.has(familyId);
    },

    async bump(key, now, windowMs) {
      const c = counters.get(key);
      const next =
        !c || now - c.windowStart >= windowMs
          ? { count: 1, windowStart: now }
          : { count: c.count + 1, windowStart: c.windowStart };
      counters.set(key, next);
      return { ...next };
    },
    async peek(key) {
      const c = counters.get(key);
      return c && { ...c };
    },
    async clear(key) {
      counters.delete(key);
    },

    async saveOtp(otp) {
      otps.set(otp.phone, copy(otp));
    },
    async attemptOtp(phone) {
      const o = otps.get(phone);
      if (!o) return undefined;
      o.attempts += 1;
      return copy(o);
    },
    async spendOtp(phone, codeHash) {
      if (otps.get(phone)?.codeHash !== codeHash) return false;
      otps.delete(phone);
      return true;
    },

    async listKeys() {
      return [...keys.values()].map((k) => copy(k));
    },
    async saveKey(k) {
      keys.set(k.kid, copy(k));
    },

    async close() {},
  };
}
