import { HallnetError } from '../../sync/index.js';
import type { StaffRole } from '../http/principal.js';
import { createScryptHasher } from '../../identity/adapter/node/index.js';

/** A clerk's login record kept at the node (a `_local` document: never replicated). */
interface StaffRecord {
  _id: string;
  _rev?: string;
  account: string;
  name: string;
  org: string;
  roles: StaffRole[];
  verifier: string;
  failures: number;
  lockedUntil: number;
}

export interface StaffAccount {
  account: string;
  name: string;
  org: string;
  roles: StaffRole[];
}

/** Wrong passwords in a row before the account locks. */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

const docId = (account: string) => `_local/staff:${account}`;
const hasher = createScryptHasher();
// A well-formed verifier of no password, so an unknown account costs the same hashing as a known one.
const DUMMY_VERIFIER = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * The verifiers of this node's own clerks, so they can log in with the hub out of reach. Kept in
 * `_local` documents, which PouchDB never replicates: no node holds another hall's verifiers.
 */
export class StaffVerifiers {
  constructor(private readonly db: PouchDB.Database, private readonly clock: () => Date) {}

  async put(account: StaffAccount, password: string): Promise<void> {
    const prev = await this.read(account.account);
    const rec: StaffRecord = {
      _id: docId(account.account),
      ...(prev?._rev ? { _rev: prev._rev } : {}),
      ...account,
      verifier: await hasher.hash(password),
      failures: 0,
      lockedUntil: 0,
    };
    await this.db.put(rec);
  }

  /** The account when the password is right; counts failures and locks after MAX_FAILURES. */
  async check(account: string, password: string): Promise<StaffAccount> {
    const rec = await this.read(account);
    const now = this.clock().getTime();
    if (rec && rec.lockedUntil > now) {
      throw new HallnetError('ERR_LOCKED_OUT', `locked until ${new Date(rec.lockedUntil).toISOString()}`);
    }
    // Hash even for unknown accounts, so timing does not tell which accounts exist.
    const ok = await hasher.verify(password, rec?.verifier ?? DUMMY_VERIFIER);
    if (!rec || !ok) {
      if (rec) {
        rec.failures += 1;
        if (rec.failures >= MAX_FAILURES) {
          rec.lockedUntil = now + LOCK_MS;
          rec.failures = 0;
        }
        await this.db.put(rec);
      }
      throw new HallnetError('ERR_LOGIN_FAILED');
    }
    if (rec.failures) {
      rec.failures = 0;
      await this.db.put(rec);
    }
    return { account: rec.account, name: rec.name, org: rec.org, roles: rec.roles };
  }

  private async read(account: string): Promise<StaffRecord | undefined> {
    try {
      return await this.db.get<StaffRecord>(docId(account));
    } catch (err) {
      if ((err as { status?: number }).status === 404) return undefined;
      throw err;
    }
  }
}
