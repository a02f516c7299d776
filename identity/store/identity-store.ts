import type { JWK } from 'jose';
import type { StaffRole } from '../principal.js';

/** A resident who signed up; `sub` is `resident:<random id>`. */
export interface ResidentAccount {
  kind: 'resident';
  sub: string;
  name: string;
  /** 18-character resident ID number, check digit verified, `X` upper case. */
  idNumber: string;
  phone: string;
  /** Null when the resident logs in only with SMS codes. */
  verifier: string | null;
  createdAt: number;
  /** Set once a clerk has seen the resident's ID card at a window; absent until then. */
  verification?: ResidentVerification;
}

/** Who confirmed a resident's real name in person, where and when. */
export interface ResidentVerification {
  at: number;
  /** The `sub` of the clerk who saw the ID card. */
  by: string;
  /** The clerk's organisation: the hall where it happened. */
  org: string;
}

/** A member of staff created by an admin; `sub` is `staff:<account>`. */
export interface StaffAccount {
  kind: 'staff';
  sub: string;
  account: string;
  name: string;
  org: string;
  roles: StaffRole[];
  verifier: string;
  createdAt: number;
  /** The `sub` of the admin who created the account. */
  createdBy: string;
  /** A mobile number for one-time codes (a password reset the admin starts); none unless given. */
  phone?: string;
  /** Disabled by an admin of the staff member's subtree: logs in nowhere and refreshes nothing until enabled again. */
  disabled?: boolean;
  /**
   * Logins, refresh tokens and access tokens from before this moment (epoch ms) are void: the last
   * time the account was disabled, moved, given other roles or had its password reset.
   */
  validFrom?: number;
  /** The audit trail of the account: who changed what, oldest first (the last 100 kept). */
  history?: StaffHistoryEntry[];
}

/** One change of a staff account as its audit trail keeps it. */
export interface StaffHistoryEntry {
  /** Epoch ms. */
  at: number;
  /** The admin (or, for a password set with a code, the account itself) and the node he acted at. */
  by: { id: string; name: string; org: string };
  node?: string;
  /** What was done: disable, enable, move, roles, phone, reset-password, password-set. */
  change: string;
  /** What it changed from and to, where it says something (an org, roles); never a secret. */
  from?: string;
  to?: string;
}

/** The most entries an account's audit trail keeps. */
export const STAFF_HISTORY_KEPT = 100;

/** What an admin's change sets on a staff account; fields left out stay as they are. `record` is appended to its history. */
export type StaffChange = Partial<
  Pick<StaffAccount, 'org' | 'roles' | 'disabled' | 'validFrom' | 'verifier' | 'phone'>
> & { record?: StaffHistoryEntry };

/** Any account. */
export type Account = ResidentAccount | StaffAccount;

/** Which unique value of a new account is already taken. */
export type CreateAccountResult = { ok: true } | { ok: false; taken: 'sub' | 'phone' | 'idNumber' };

/** One refresh token of a family, stored by the SHA-256 of the token, never the token. */
export interface RefreshRecord {
  hash: string;
  familyId: string;
  sub: string;
  issuedAt: number;
  expiresAt: number;
  /** When the whole family ends however often it is refreshed: the login's absolute lifetime. */
  familyExpiresAt: number;
  /** Set by the first `useRefresh`; a second use means the token was copied. */
  usedAt?: number;
}

/** A fixed-window counter. */
export interface Counter {
  count: number;
  windowStart: number;
}

/** The outstanding SMS code of one phone; a new code replaces the old one. */
export interface OtpRecord {
  phone: string;
  codeHash: string;
  expiresAt: number;
  /** Checks made so far, counted before each check. */
  attempts: number;
}

/** An ES256 signing key; retired keys stay published until their last tokens expire. */
export interface SigningKeyRecord {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: number;
  retiredAt?: number;
}

/**
 * Everything the identity service keeps, as the few atomic operations it needs. Times are epoch
 * milliseconds. Each method is one statement for a SQL store (D1) and a read-modify-write with
 * revision check for a document store; none may be answered from process memory alone, because
 * several instances share one store.
 */
export interface IdentityStore {
  /** Stores a new account unless its sub, a resident's phone or ID number is taken. */
  createAccount(account: Account): Promise<CreateAccountResult>;
  getAccount(sub: string): Promise<Account | undefined>;
  findResident(by: 'phone' | 'idNumber', value: string): Promise<ResidentAccount | undefined>;
  /** The staff whose org is exactly `org` (not below it), ordered by account. */
  listStaff(org: string): Promise<StaffAccount[]>;
  /** The staff of `org` and every organisation below it, ordered by account. */
  listStaffWithin(org: string): Promise<StaffAccount[]>;
  /** Applies an admin's change to a staff account; returns it as stored, or undefined when `sub` is no staff account. */
  updateStaff(sub: string, change: StaffChange): Promise<StaffAccount | undefined>;
  /**
   * Records that the resident's real name was confirmed in person, unless it already was (the first
   * confirmation stands); returns the resident as stored, or undefined when `sub` is no resident.
   */
  markResidentVerified(sub: string, verification: ResidentVerification): Promise<ResidentAccount | undefined>;

  saveRefresh(token: RefreshRecord): Promise<void>;
  /** Marks the token used; `firstUse` is true for exactly one caller, however many race. */
  useRefresh(hash: string, now: number): Promise<{ token: RefreshRecord; firstUse: boolean } | undefined>;
  revokeFamily(familyId: string, now: number): Promise<void>;
  familyRevoked(familyId: string): Promise<boolean>;

  /** Adds one to `key`, first starting a new window at `now` if the current one is `windowMs` old. */
  bump(key: string, now: number, windowMs: number): Promise<Counter>;
  peek(key: string): Promise<Counter | undefined>;
  clear(key: string): Promise<void>;

  /** Replaces the phone's outstanding code. */
  saveOtp(otp: OtpRecord): Promise<void>;
  /** Adds one to the code's attempts and returns it, or undefined when there is none. */
  attemptOtp(phone: string): Promise<OtpRecord | undefined>;
  /** Removes the code if it is still the one with `codeHash`; true for exactly one caller. */
  spendOtp(phone: string, codeHash: string): Promise<boolean>;

  listKeys(): Promise<SigningKeyRecord[]>;
  /** Inserts or replaces the key with this kid. */
  saveKey(key: SigningKeyRecord): Promise<void>;

  close(): Promise<void>;
}
