// The behaviour every IdentityStore adapter must show; each adapter's test runs it with its own factory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../password-hasher.js';
import type { IdentityStore, ResidentAccount, StaffAccount } from '../store/identity-store.js';
import { idNumber, phone } from './identity-fixtures.js';

/** Something that makes a fresh, empty store, and cleans up after all of them. */
export interface StoreFactory {
  make(): Promise<IdentityStore>;
  cleanup?(): Promise<void>;
  /** The password hasher of the runtime the store lives in, for the app suites; Node's scrypt unless set. */
  hasher?: PasswordHasher;
}

const resident = (n: number, over: Partial<ResidentAccount> = {}): ResidentAccount => ({
  kind: 'resident',
  sub: `resident:r${n}`,
  name: '王小明',
  idNumber: idNumber(n),
  phone: phone(n),
  verifier: null,
  createdAt: 1,
  ...over,
});
const staffAt = (account: string, org: string): StaffAccount => ({
  kind: 'staff',
  sub: `staff:${account}`,
  account,
  name: '李四',
  org,
  roles: ['clerk'],
  verifier: 'scrypt$x',
  createdAt: 1,
  createdBy: 'staff:root',
});

/** Runs the IdentityStore contract against stores from `factory`. */
export function describeIdentityStore(name: string, factory: StoreFactory): void {
  describe(`IdentityStore contract: ${name}`, () => {
    const stores: IdentityStore[] = [];
    const fresh = async () => {
      const s = await factory.make();
      stores.push(s);
      return s;
    };
    let store: IdentityStore;
    beforeAll(async () => {
      store = await fresh();
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
      await factory.cleanup?.();
    });

    it('keeps a resident findable by sub, phone and ID number, and refuses either value twice', async () => {
      expect(await store.createAccount(resident(1))).toEqual({ ok: true });
      expect(await store.getAccount('resident:r1')).toMatchObject({ name: '王小明', phone: phone(1) });
      expect((await store.findResident('phone', phone(1)))?.sub).toBe('resident:r1');
      expect((await store.findResident('idNumber', idNumber(1)))?.sub).toBe('resident:r1');
      expect(await store.createAccount(resident(2, { phone: phone(1) }))).toEqual({ ok: false, taken: 'phone' });
      expect(await store.createAccount(resident(2, { idNumber: idNumber(1) }))).toEqual({
        ok: false,
        taken: 'idNumber',
      });
      expect(await store.createAccount(resident(2, { sub: 'resident:r1' }))).toEqual({ ok: false, taken: 'sub' });
      // The refused attempts hold nothing back: resident 2's own values are still free.
      expect(await store.createAccount(resident(2))).toEqual({ ok: true });
      expect(await store.findResident('phone', phone(99))).toBeUndefined();
    });

    it('lists the staff of exactly one organisation, not those below or beside it', async () => {
      for (const [a, org] of [
        ['a1', 'dongcheng/jingshan'],
        ['a2', 'dongcheng/jingshan'],
        ['b1', 'dongcheng/jingshan/huangchenggen'],
        ['c1', 'dongcheng/jingshan-east'],
        ['d1', 'dongcheng'],
      ] as const) {
        expect(await store.createAccount(staffAt(a, org))).toEqual({ ok: true });
      }
      expect(await store.createAccount(staffAt('a1', 'dongcheng'))).toEqual({ ok: false, taken: 'sub' });
      expect((await store.listStaff('dongcheng/jingshan')).map((s) => s.account)).toEqual(['a1', 'a2']);
      expect((await store.listStaff('dongcheng')).map((s) => s.account)).toEqual(['d1']);
      expect(await store.listStaff('dongcheng/nowhere')).toEqual([]);
    });

    it('lists the staff of a subtree, and moves, disables and changes an account as one stored whole', async () => {
      const s = await fresh();
      for (const [a, org] of [
        ['m1', 'dongcheng/jingshan'],
        ['m2', 'dongcheng/jingshan/huangchenggen'],
        ['m3', 'dongcheng/jingshan-east'],
        ['m4', 'dongcheng'],
      ] as const) {
        expect(await s.createAccount(staffAt(a, org))).toEqual({ ok: true });
      }
      expect((await s.listStaffWithin('dongcheng/jingshan')).map((x) => x.account)).toEqual(['m1', 'm2']);
      const moved = await s.updateStaff('staff:m2', {
        org: 'dongcheng/jingshan-east',
        roles: ['clerk', 'director'],
        disabled: true,
        validFrom: 42,
        phone: '13912345678',
      });
      expect(moved).toMatchObject({
        account: 'm2',
        org: 'dongcheng/jingshan-east',
        roles: ['clerk', 'director'],
        disabled: true,
        validFrom: 42,
        phone: '13912345678',
        verifier: 'scrypt$x',
      });
      expect(await s.getAccount('staff:m2')).toEqual(moved);
      expect((await s.listStaffWithin('dongcheng/jingshan')).map((x) => x.account)).toEqual(['m1']);
      expect((await s.listStaff('dongcheng/jingshan-east')).map((x) => x.account)).toEqual(['m2', 'm3']);
      expect((await s.listStaffWithin('dongcheng')).map((x) => x.account)).toEqual(['m1', 'm2', 'm3', 'm4']);
      const enabled = await s.updateStaff('staff:m2', { disabled: false });
      expect([enabled?.disabled ?? false, enabled?.validFrom]).toEqual([false, 42]);
      // The audit trail grows by one entry per recorded change, oldest first, the last 100 kept.
      const by = { id: 'root.admin', name: '区管理员', org: 'dongcheng' };
      for (let i = 0; i < 101; i++)
        await s.updateStaff('staff:m1', { record: { at: i, by, change: 'roles', to: `clerk ${i}` } });
      const trail =
        (await s.updateStaff('staff:m1', { disabled: true, record: { at: 200, by, change: 'disable' } }))?.history ??
        [];
      expect([trail.length, trail[0]?.at, trail.at(-2)?.to, trail.at(-1)]).toEqual([
        100,
        2,
        'clerk 100',
        { at: 200, by, change: 'disable' },
      ]);
      expect((await s.getAccount('staff:m1')) as { history?: unknown[] }).toMatchObject({
        disabled: true,
        history: trail,
      });
      expect(await s.updateStaff('staff:nobody', { disabled: true })).toBeUndefined();
      expect(await s.updateStaff('resident:r1', { disabled: true })).toBeUndefined();
    });

    it('marks a resident verified once: the first confirmation stands, staff and strangers are no residents', async () => {
      const first = { at: 5, by: 'staff:a.clerk', org: 'dongcheng/jingshan' };
      expect(await store.getAccount('resident:r2')).not.toHaveProperty('verification');
      expect(await store.markResidentVerified('resident:r2', first)).toMatchObject({
        sub: 'resident:r2',
        verification: first,
      });
      expect(
        await store.markResidentVerified('resident:r2', { at: 9, by: 'staff:b.clerk', org: 'dongcheng' }),
      ).toMatchObject({ verification: first });
      expect((await store.findResident('idNumber', idNumber(2)))?.verification).toEqual(first);
      expect(await store.getAccount('resident:r1')).not.toHaveProperty('verification');
      expect(await store.markResidentVerified('resident:nobody', first)).toBeUndefined();
      expect(await store.markResidentVerified('staff:a1', first)).toBeUndefined();
      expect(await store.getAccount('staff:a1')).not.toHaveProperty('verification');
    });

    it('hands out the first use of a refresh token to exactly one of many racing callers', async () => {
      await store.saveRefresh({
        hash: 'h1',
        familyId: 'f1',
        sub: 'resident:r1',
        issuedAt: 1,
        expiresAt: 10,
        familyExpiresAt: 20,
      });
      const uses = await Promise.all(Array.from({ length: 8 }, () => store.useRefresh('h1', 5)));
      expect(uses.filter((u) => u?.firstUse)).toHaveLength(1);
      expect(uses.every((u) => u?.token.familyId === 'f1' && u.token.usedAt === 5)).toBe(true);
      expect(await store.useRefresh('nope', 5)).toBeUndefined();
      expect(await store.familyRevoked('f1')).toBe(false);
      await store.revokeFamily('f1', 6);
      await store.revokeFamily('f1', 7);
      expect(await store.familyRevoked('f1')).toBe(true);
    });

    it('counts in fixed windows, exactly under concurrency, and forgets on clear', async () => {
      const counts = await Promise.all(Array.from({ length: 10 }, () => store.bump('k', 1000, 60_000)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await store.bump('k', 60_999, 60_000)).toEqual({ count: 11, windowStart: 1000 });
      expect(await store.bump('k', 61_000, 60_000)).toEqual({ count: 1, windowStart: 61_000 });
      expect(await store.peek('k')).toEqual({ count: 1, windowStart: 61_000 });
      await store.clear('k');
      await store.clear('never-set');
      expect(await store.peek('k')).toBeUndefined();
      expect(await store.bump('k', 70_000, 60_000)).toEqual({ count: 1, windowStart: 70_000 });
    });

    it('counts code attempts, replaces a code, and lets exactly one caller spend it', async () => {
      expect(await store.attemptOtp(phone(5))).toBeUndefined();
      await store.saveOtp({ phone: phone(5), codeHash: 'old', expiresAt: 100, attempts: 0 });
      expect((await store.attemptOtp(phone(5)))?.attempts).toBe(1);
      await store.saveOtp({ phone: phone(5), codeHash: 'new', expiresAt: 200, attempts: 0 });
      expect(await store.attemptOtp(phone(5))).toEqual({
        phone: phone(5),
        codeHash: 'new',
        expiresAt: 200,
        attempts: 1,
      });
      expect(await store.spendOtp(phone(5), 'old')).toBe(false);
      const spends = await Promise.all(Array.from({ length: 5 }, () => store.spendOtp(phone(5), 'new')));
      expect(spends.filter(Boolean)).toHaveLength(1);
      expect(await store.attemptOtp(phone(5))).toBeUndefined();
      await store.saveOtp({ phone: phone(5), codeHash: 'again', expiresAt: 300, attempts: 0 });
      expect((await store.attemptOtp(phone(5)))?.codeHash).toBe('again');
    });

    it('keeps signing keys by kid, replacing on save', async () => {
      const key = { kid: 'k1', privateJwk: { kty: 'EC', d: 'x' }, publicJwk: { kty: 'EC' }, createdAt: 1 };
      await store.saveKey(key);
      await store.saveKey({ ...key, kid: 'k2', createdAt: 2 });
      await store.saveKey({ ...key, retiredAt: 3 });
      const keys = (await store.listKeys()).sort((a, b) => a.createdAt - b.createdAt);
      expect(keys).toEqual([
        { ...key, retiredAt: 3 },
        { ...key, kid: 'k2', createdAt: 2 },
      ]);
    });

    it('returns copies: changing a returned record changes nothing stored', async () => {
      const a = (await store.getAccount('resident:r1')) as ResidentAccount;
      a.name = 'changed';
      expect((await store.getAccount('resident:r1'))?.name).toBe('王小明');
    });

    it('starts empty', async () => {
      const other = await fresh();
      expect(await other.getAccount('resident:r1')).toBeUndefined();
      expect(await other.listKeys()).toEqual([]);
    });
  });
}
