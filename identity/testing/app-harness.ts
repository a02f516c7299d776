// An identity app over a store from a factory, with a hand-moved clock, a recording SMS sender and
// a few staff accounts; shared by the app suites. Tests only.
import type { Hono } from 'hono';
import { expect } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { createScryptHasher } from '../adapter/node/scrypt-hasher.js';
import { createIdentityApp, type IdentityAppOptions } from '../create-identity-app.js';
import { createStaffAccount } from '../create-staff-account.js';
import type { IdentityEnv } from '../identity-env.js';
import type { Notice, NoticeSender } from '../notice-sender.js';
import type { IdentityStore } from '../store/identity-store.js';
import { testClock } from './identity-fixtures.js';
import type { StoreFactory } from './store-contract.js';

/** The password of every seeded staff account. */
export const STAFF_PASSWORD = 'Staff-pass-2026';
/** The password residents sign up with unless told. */
export const RESIDENT_PASSWORD = 'Resident-pass-2026';
/** Two sibling communities under the jingshan street. */
export const COMMUNITY_A = 'dongcheng/jingshan/huangchenggen';
/** See COMMUNITY_A. */
export const COMMUNITY_B = 'dongcheng/jingshan/jingshanxi';

/** The staff every harness starts with: account → [org, roles]. */
export const SEED_STAFF = {
  'root.admin': ['dongcheng', ['admin']],
  'street.admin': ['dongcheng/jingshan', ['admin']],
  'a.admin': [COMMUNITY_A, ['admin']],
  'a.clerk': [COMMUNITY_A, ['clerk']],
  'b.clerk': [COMMUNITY_B, ['clerk', 'director']],
} as const;

/** The body of a successful login or refresh. */
export interface TokenAnswer {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  account: Record<string, unknown>;
}

const nodeHasher = createScryptHasher();

/** Builds the harness; `more` overrides app options (a store shared with another app, say). */
export async function makeHarness(
  factory: StoreFactory,
  more: Partial<IdentityAppOptions> & { store?: IdentityStore; seed?: boolean } = {},
) {
  const clock = testClock();
  const hasher = factory.hasher ?? nodeHasher;
  const store = more.store ?? (await factory.make());
  const sent: Notice[] = [];
  const sender: NoticeSender = { send: async (n) => void sent.push(n) };
  const options: IdentityAppOptions = {
    store,
    hasher,
    sender,
    clock: clock.now,
    district: 'dongcheng',
    clientAddress: (c) => c.req.header('x-test-client') ?? '198.51.100.1',
    // Stands in for the hub's certificate check: the header names the calling node's org.
    authorizeNode: (c) => {
      const org = c.req.header('x-test-node-org');
      if (!org) throw new HallnetError('ERR_UNAUTHENTICATED', 'no node certificate');
      return org;
    },
    perAddress: { limit: 1000, windowSeconds: 60 },
    ...more,
  };
  const app: Hono<IdentityEnv> = createIdentityApp(options);
  if (more.seed !== false && !more.store) {
    for (const [account, [org, roles]] of Object.entries(SEED_STAFF)) {
      await createStaffAccount(
        { store, hasher, clock: clock.now },
        { account, name: '工作人员', org, roles: [...roles], password: STAFF_PASSWORD },
        'bootstrap',
      );
    }
  }

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const bearer = (token: string | undefined): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  return {
    app,
    store,
    clock,
    sent,
    post: (path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) =>
      request('POST', path, body, { ...bearer(token), ...headers }),
    get: (path: string, token?: string, headers: Record<string, string> = {}) =>
      request('GET', path, undefined, { ...bearer(token), ...headers }),

    /** Logs in and expects success. */
    async login(kind: 'staff' | 'resident', login: string, password: string): Promise<TokenAnswer> {
      const res = await request('POST', '/identity/login', { kind, login, password });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as TokenAnswer;
    },
    /** An access token of one of the seeded staff. */
    async staffToken(account: keyof typeof SEED_STAFF): Promise<string> {
      const res = await request('POST', '/identity/login', { kind: 'staff', login: account, password: STAFF_PASSWORD });
      return ((await res.json()) as TokenAnswer).accessToken;
    },

    /** Asks for a sign-up code for `phone` and returns it as the SMS carried it. */
    async signUpCode(phone: string): Promise<string> {
      const res = await request('POST', '/identity/residents/code', { phone });
      expect(res.status, await res.clone().text()).toBe(202);
      return this.lastCode(phone);
    },

    /** Signs a resident up (with the code sent to his phone) and expects success. */
    async signUp(n: { name?: string; idNumber: string; phone: string; password?: string }) {
      const code = await this.signUpCode(n.phone);
      const res = await request('POST', '/identity/residents', {
        name: n.name ?? '王小明',
        idNumber: n.idNumber,
        phone: n.phone,
        code,
        password: n.password ?? RESIDENT_PASSWORD,
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { account: { sub: string } };
    },

    /** The code in the last SMS sent to `phone`. */
    lastCode(phone: string): string {
      const n = sent.filter((s) => s.phone === phone && s.params.code).at(-1);
      if (!n?.params.code) throw new Error(`no code sent to ${phone}`);
      return n.params.code;
    },

    close: () => (more.store ? Promise.resolve() : store.close()),
  };
}

/** A built harness. */
export type Harness = Awaited<ReturnType<typeof makeHarness>>;
