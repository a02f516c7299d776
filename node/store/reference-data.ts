import {
  JWKS_DOC_ID,
  calendarSchema,
  CITY_JWKS_DOC_ID,
  jwksDocSchema,
  revocationSchema,
  categorySchema,
  matterSchema,
  organisationSchema,
  supervisionSettingsDocSchema,
  type Calendar,
  type Envelope,
  type Category,
  type JwksDoc,
  type Organisation,
  type SupervisionSettingsDoc,
} from '../../sync/index.js';
import { GrantBook } from '../../identity/index.js';
import type { NodeSigner } from '../../sync/node-only.js';
import { SignerKeys } from '../auth/signer-keys.js';
import { Catalogue } from '../domain/catalogue.js';
import { WorkCalendar } from '../domain/working-days.js';
import { followReplica, type FeedLog, type ReplicaFollower } from './follow-replica.js';
import { MatterTrust } from './matter-trust.js';

// Keys first: a published matter is taken only once its signer's certificate is known.
const PREFIXES = [
  'revocation:',
  'certificate:',
  'matter:',
  'category:',
  'org:',
  'calendar:',
  'jwks:',
  'grant:',
  'settings:',
] as const;

/**
 * The district's published reference data as this node holds it — catalogue, categories,
 * organisations, calendars — loaded at start and kept current from the replica's changes feed,
 * so a catalogue the district republishes reaches every window without a restart.
 */
export class ReferenceData {
  readonly catalogue: Catalogue;
  readonly organisations = new Map<string, Organisation>();
  readonly categories = new Map<number, Category>();
  /** The identity service's keys as last replicated, for verifying tokens offline. */
  jwks: JwksDoc | undefined;
  /** The city's identity keys, when the district is part of a city (跨区通办): residents' tokens only. */
  cityJwks: JwksDoc | undefined;
  /** The district's supervision settings (time to rate, score weights) as last replicated. */
  supervisionSettings: SupervisionSettingsDoc | undefined;
  private readonly revokedCertificates = new Set<string>();
  private readonly calendars = new Map<number, Calendar>();
  private work = new WorkCalendar([]);
  private feed: ReplicaFollower | undefined;

  /** The grants replicated here, verified against the district root this node was enrolled under. */
  readonly grants: GrantBook;
  /** The district's node keys (certificates), for checking who signed what this node receives. */
  readonly keys: SignerKeys;
  private readonly keyListeners = new Set<(change: 'certificate' | 'revocation') => void>();
  private readonly matterTrust: MatterTrust;
  /** Signed matters whose signer's certificate has not arrived yet, by id: taken when it does. */
  private readonly awaitingKey = new Map<string, object>();
  /** This node's district: a matter of any other scope is the city catalogue's. */
  private readonly district: string;

  constructor(
    private readonly db: PouchDB.Database,
    opts: {
      rootPem: string | undefined;
      clock: () => Date;
      signer: NodeSigner;
      org: string;
      /** The seed this node ships: an unsigned matter is taken only as exactly its version 1. */
      seedDocs?: readonly Envelope[] | undefined;
    },
    private readonly log: FeedLog = { warn: () => undefined },
  ) {
    this.catalogue = new Catalogue([], opts.clock);
    this.grants = new GrantBook({
      rootPem: () => opts.rootPem,
      clock: opts.clock,
      isCertRevoked: (s) => this.isRevoked(s),
    });
    this.keys = new SignerKeys(() => opts.rootPem, { signer: opts.signer, org: opts.org }, opts.clock);
    this.matterTrust = new MatterTrust(this.keys, opts.seedDocs);
    this.district = opts.org.split('/')[0]!;
  }

  get calendar(): WorkCalendar {
    return this.work;
  }

  /** The last year whose working-day calendar this node holds: past its end, deadlines count weekends only. */
  get lastCalendarYear(): number | undefined {
    return this.calendars.size ? Math.max(...this.calendars.keys()) : undefined;
  }

  async load(): Promise<void> {
    const info = await this.db.info();
    for (const prefix of PREFIXES) {
      const res = await this.db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\uffff` });
      for (const row of res.rows) if (row.doc) this.take(row.doc);
    }
    this.work = new WorkCalendar([...this.calendars.values()]);
    this.feed = followReplica(this.db, { since: info.update_seq, what: 'reference data', log: this.log }, (ch) => {
      if (ch.doc && !ch.deleted) this.take(ch.doc);
    });
  }

  /** Calls `listener` whenever a node key becomes known or a certificate is revoked (cases are checked again). */
  onKeysChanged(listener: (change: 'certificate' | 'revocation') => void): void {
    this.keyListeners.add(listener);
  }

  /** Whether a replicated revocation names this certificate serial. */
  isRevoked(serialHex: string): boolean {
    return this.revokedCertificates.has(serialHex.toLowerCase());
  }

  /** Display name of an organisation, or its path when unknown. */
  orgName(path: string): string {
    return this.organisations.get(path)?.name ?? path;
  }

  close(): void {
    this.feed?.cancel();
  }

  private take(doc: object): void {
    const type = (doc as { type?: string }).type;
    if (type === 'matter') {
      this.takeMatter(doc);
    } else if (type === 'organisation') {
      const r = organisationSchema.safeParse(doc);
      if (r.success) {
        this.organisations.set(r.data.path, r.data);
        if (r.data.kind === 'department') this.catalogue.setDepartmentName(r.data.path, r.data.name);
      }
    } else if (type === 'jwks') {
      const r = jwksDocSchema.safeParse(doc);
      if (r.success && r.data._id === JWKS_DOC_ID) this.jwks = r.data;
      if (r.success && r.data._id === CITY_JWKS_DOC_ID) this.cityJwks = r.data;
    } else if (type === 'revocation') {
      const r = revocationSchema.safeParse(doc);
      if (r.success && r.data.what === 'certificate') {
        if (!this.revokedCertificates.has(r.data.target.toLowerCase())) {
          this.revokedCertificates.add(r.data.target.toLowerCase());
          this.keys.revoke(r.data.target, r.data.revokedAt);
          for (const l of this.keyListeners) l('revocation');
        }
      }
      if (r.success && r.data.what === 'grant') this.grants.revoke(r.data.target);
    } else if (type === 'certificate') {
      if (this.keys.addCertificate(doc)) {
        for (const l of this.keyListeners) l('certificate');
        const waiting = [...this.awaitingKey.values()];
        this.awaitingKey.clear();
        for (const m of waiting) this.takeMatter(m);
      }
    } else if (type === 'grant') {
      this.grants.add(doc);
    } else if (type === 'settings') {
      const r = supervisionSettingsDocSchema.safeParse(doc);
      if (r.success) this.supervisionSettings = r.data;
    } else if (type === 'category') {
      const r = categorySchema.safeParse(doc);
      if (r.success) this.categories.set(r.data.number, r.data);
    } else if (type === 'calendar') {
      const r = calendarSchema.safeParse(doc);
      if (r.success) {
        this.calendars.set(r.data.year, r.data);
        this.work = new WorkCalendar([...this.calendars.values()]);
      }
    }
  }

  /** A matter into the catalogue, when it is the district's (signed by its node, or the seed as shipped). */
  private takeMatter(doc: object): void {
    const r = matterSchema.safeParse(doc);
    if (!r.success) return;
    const raw = doc as Record<string, unknown> & { _id: string };
    const problem = this.matterTrust.problem(raw, r.data);
    if (problem === 'unknown-key') this.awaitingKey.set(raw._id, doc);
    else if (problem) this.log.warn({ id: raw._id, problem }, 'matter refused: not signed by the district');
    else {
      // A code of the city catalogue (全市通办) is the city's alone: it replaces the district's versions,
      // and a district's version of it is refused, whichever arrives first.
      const held = this.catalogue.latest(r.data.code);
      if (held && held.scope !== r.data.scope) {
        if (r.data.scope === this.district) {
          this.log.warn({ id: raw._id, problem: 'city-code' }, "matter refused: the code is the city catalogue's");
          return;
        }
        this.catalogue.remove(r.data.code);
      }
      this.catalogue.put(r.data);
    }
  }
}
