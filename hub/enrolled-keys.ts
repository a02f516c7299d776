import type { Logger } from 'pino';
import { certificateSchema, type CertificateDoc } from '../sync/index.js';
import { followStore } from './follow-store.js';
import type { Store } from './store/store.js';

type Enrolled = Pick<CertificateDoc, 'serial' | 'fingerprint' | 'kid' | 'notAfter'>;

/**
 * The keys the district has enrolled, by organisation, from the certificates the hub published.
 * A certificate authority below the root (a street signs its stations') could otherwise issue a
 * second certificate for a station it does not run — under a serial of the station's own, or a
 * new one — and sign as that station. So the hub admits one certificate per serial, and below the
 * root one key per organisation at a time (a
 * renewal keeps the key: `hallnet csr` from the same folder): a new key is taken only once the old
 * one's certificate is revoked or has ended.
 */
export class EnrolledKeys {
  private readonly byOrg = new Map<string, Map<string, Enrolled>>();
  private readonly bySerial = new Map<string, string>();

  private constructor(private readonly isRevoked: (serial: string) => boolean) {}

  /** Follows the store's `certificate` documents; ready once every one held is taken. */
  static follow(
    store: Store,
    isRevoked: (serial: string) => boolean,
    logger: Logger,
  ): { keys: EnrolledKeys; ready: Promise<void>; stop(): void } {
    const keys = new EnrolledKeys(isRevoked);
    const follower = followStore(
      store,
      'certificate:',
      (doc) => {
        const c = certificateSchema.safeParse(doc);
        if (c.success) keys.note(c.data);
      },
      logger,
    );
    return { keys, ready: follower.ready, stop: follower.stop };
  }

  /** Takes a certificate published (by this instance now, or by any, through the store). */
  note(c: Pick<CertificateDoc, 'org' | 'serial' | 'fingerprint' | 'kid' | 'notAfter'>): void {
    if (this.bySerial.has(c.serial)) return;
    this.bySerial.set(c.serial, c.fingerprint);
    const held = this.byOrg.get(c.org) ?? new Map<string, Enrolled>();
    held.set(c.serial, { serial: c.serial, fingerprint: c.fingerprint, kid: c.kid, notAfter: c.notAfter });
    this.byOrg.set(c.org, held);
  }

  /**
   * Why the district does not admit this certificate beside those it enrolled; undefined when it
   * does. `subordinate`: issued below the root, so held to one key per organisation.
   */
  problem(
    c: Pick<CertificateDoc, 'org' | 'serial' | 'fingerprint' | 'kid'>,
    now: Date,
    subordinate: boolean,
  ): string | undefined {
    const owner = this.bySerial.get(c.serial);
    if (owner !== undefined && owner !== c.fingerprint)
      return `serial ${c.serial} names another certificate enrolled in the district`;
    if (!subordinate) return undefined;
    for (const other of this.byOrg.get(c.org)?.values() ?? []) {
      if (other.kid === c.kid || this.isRevoked(other.serial) || Date.parse(other.notAfter) <= now.getTime()) continue;
      return `${c.org} has another key enrolled (certificate ${other.serial}); it is revoked, or ends, before a new key is taken`;
    }
    return undefined;
  }
}
