import { HallnetError, type StaffRole } from '../../sync/index.js';
import { createScryptHasher } from '../../identity/adapter/node/index.js';
import { createMemoryIdentityStore, LoginGuard } from '../../identity/index.js';

/** A clerk's login record kept at the node (a `_local` document: never replicated). */
interface StaffRecord {
  _id: string;
  _rev?: string;
  account: string;
  name: string;
  org: string;
  roles: StaffRole[];
  verifier: string;
  /** `identity` when pulled from the identity service (and removed when it drops it), `local` when added at the node. */
  source: 'identity' | 'local';
}

export interface StaffAccount {
  account: string;
  name: string;
  org: string;
  roles: StaffRole[];
}

const docId = (account: string) => `_local/staff:${account}`;
const PULLED_ID = '_local/staff-pulled-from-identity';
const VOIDED_ID = '_local/staff-voided';
/** The accounts added at this node (`hallnet staff add`): allDocs never lists `_local` documents, so they are named here. */
const ADDED_HERE_ID = '_local/staff-added-here';
const hasher = createScryptHasher();
// A well-formed verifier of no password, so an unknown account costs the same hashing as a known one.
const DUMMY_VERIFIER = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * The verifiers of this node's own clerks, so they can log in with the hub out of reach. Kept in
 * `_local` documents, which PouchDB never replicates: no node holds another hall's verifiers.
 */
export class StaffVerifiers {
  // Wrong passwords are counted per account and address, in memory: the identity service's rule,
  // so a stranger at the hall's network cannot lock a named clerk out of his own desk.
  private readonly guard: LoginGuard;
  /** Whether each account asked about is held: every request by a clerk of this node asks. */
  private readonly held = new Map<string, boolean>();
  // Account → the moment before which its tokens are void; kept on disk so a restart offline keeps refusing them.
  private voided = new Map<string, number>();

  constructor(
    private readonly db: PouchDB.Database,
    clock: () => Date,
  ) {
    this.guard = new LoginGuard(createMemoryIdentityStore(), { clock });
  }

  /**
   * Whether this node still holds the account: one the identity service stopped listing (disabled
   * or moved centrally) is withdrawn at the node's next pull, and its tokens stop working then.
   */
  async holds(account: string): Promise<boolean> {
    const known = this.held.get(account);
    if (known !== undefined) return known;
    const found = (await this.read(account)) !== undefined;
    if (this.held.size > 10_000) this.held.clear();
    this.held.set(account, found);
    return found;
  }

  /** Reads what the last pull said of void tokens; call once at start. */
  async load(): Promise<void> {
    const held = await this.db.get<{ voided: [string, number][] }>(VOIDED_ID).catch(() => undefined);
    this.voided = new Map(held?.voided ?? []);
  }

  /** Tokens of `account` issued before this moment (epoch ms) are void; undefined when none are. */
  voidedFrom(account: string): number | undefined {
    return this.voided.get(account);
  }

  /** Takes the identity service's list of accounts whose earlier tokens are void. */
  async replaceVoided(list: { account: string; from: number }[]): Promise<void> {
    const next = new Map(list.map((v) => [v.account, v.from] as const));
    if (next.size === this.voided.size && [...next].every(([a, f]) => this.voided.get(a) === f)) return;
    this.voided = next;
    const held = await this.db.get(VOIDED_ID).catch(() => undefined);
    await this.db.put({ _id: VOIDED_ID, ...(held ? { _rev: held._rev } : {}), voided: [...next] });
  }

  /** Adds or resets a clerk at this node (`hallnet staff add`, the demo). */
  async put(account: StaffAccount, password: string): Promise<void> {
    const prev = await this.read(account.account);
    await this.db.put(this.record(account, await hasher.hash(password), 'local', prev));
    this.held.set(account.account, true);
    const added = await this.db.get<{ accounts: string[] }>(ADDED_HERE_ID).catch(() => undefined);
    if (added?.accounts.includes(account.account)) return;
    await this.db.put({ ...added, _id: ADDED_HERE_ID, accounts: [...(added?.accounts ?? []), account.account] });
  }

  /** The accounts added at this node and still held as such, for 人员管理 to show (read-only: the identity service does not know them). */
  async addedHere(): Promise<StaffAccount[]> {
    const added = await this.db.get<{ accounts: string[] }>(ADDED_HERE_ID).catch(() => undefined);
    const out: StaffAccount[] = [];
    for (const account of added?.accounts ?? []) {
      const rec = await this.read(account);
      if (rec?.source === 'local') out.push({ account: rec.account, name: rec.name, org: rec.org, roles: rec.roles });
    }
    return out;
  }

  /**
   * Takes the identity service's list of this organisation's staff: new and changed verifiers are
   * stored, accounts it no longer lists are removed. Accounts added at the node stay.
   */
  async replaceFromIdentity(list: (StaffAccount & { verifier: string })[]): Promise<void> {
    // allDocs never lists _local documents, so the accounts last pulled are kept in one of their own.
    const listed = new Set(list.map((a) => a.account));
    const pulled = await this.db.get<{ accounts: string[] }>(PULLED_ID).catch(() => undefined);
    for (const account of pulled?.accounts ?? []) {
      const rec = await this.read(account);
      if (rec && rec.source === 'identity' && !listed.has(account)) {
        await this.db.remove(rec._id, rec._rev!);
        this.held.set(account, false);
      }
    }
    await this.db.put({
      _id: PULLED_ID,
      ...(pulled ? { _rev: (pulled as { _rev?: string })._rev } : {}),
      accounts: [...listed],
    });
    for (const { verifier, ...account } of list) {
      const prev = await this.read(account.account);
      if (
        prev &&
        prev.verifier === verifier &&
        prev.roles.join() === account.roles.join() &&
        prev.name === account.name
      )
        continue;
      await this.db.put(this.record(account, verifier, 'identity', prev));
      this.held.set(account.account, true);
    }
  }

  private record(
    account: StaffAccount,
    verifier: string,
    source: StaffRecord['source'],
    prev: StaffRecord | undefined,
  ): StaffRecord {
    return {
      _id: docId(account.account),
      ...(prev?._rev ? { _rev: prev._rev } : {}),
      account: account.account,
      name: account.name,
      org: account.org,
      roles: account.roles,
      verifier,
      source,
    };
  }

  /** The account when the password is right; wrong ones from `address` make that address wait (LoginGuard). */
  async check(account: string, password: string, address: string): Promise<StaffAccount> {
    const attempt = await this.guard.begin(account, address);
    const rec = await this.read(account);
    // Hash even for unknown accounts, so timing does not tell which accounts exist.
    const ok = await hasher.verify(password, rec?.verifier ?? DUMMY_VERIFIER);
    if (!rec || !ok) {
      await this.guard.failed(attempt);
      throw new HallnetError('ERR_LOGIN_FAILED');
    }
    await this.guard.succeeded(attempt);
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
