import type { Logger } from 'pino';
import type { Level, Right } from '../sync/index.js';
import type { Principal } from '../identity/index.js';
import type { HubSync } from '../sync/node-only.js';
import type { StaffTokens } from './auth/staff-token.js';
import type { StaffVerifiers } from './auth/staff-verifiers.js';
import type { HubLookups } from './district/hub-lookups.js';
import type { NoticeOutbox } from './notices/notice-outbox.js';
import type { HallQueue } from './queue/index.js';
import type { BookingDesk } from './bookings/booking-desk.js';
import type { CaseIndex } from './store/case-index.js';
import type { CaseStore } from './store/case-store.js';
import type { MaterialStore } from './store/material-store.js';
import type { ReferenceData } from './store/reference-data.js';
import type { ResidentStore } from './store/resident-store.js';
import type { GuardedWriter } from './store/guarded-writer.js';
import type { LibraryService } from './library/library-service.js';
import type { LicenceRegister } from './licences/licence-register.js';
import type { Supervision } from './supervision/start-supervision.js';

/** Everything a node's handlers work with, built once at start. */
export interface NodeServices {
  org: string;
  level: Level;
  logger: Logger;
  clock: () => Date;
  db: PouchDB.Database;
  reference: ReferenceData;
  cases: CaseStore;
  materials: MaterialStore;
  index: CaseIndex;
  residents: ResidentStore;
  /** The district's register of electronic licences (电子证照), held whole at every node. */
  licences: LicenceRegister;
  /** 一表一库 across the district: a holder's earlier materials and licences, through the hub or from this hall. */
  library: LibraryService;
  /** Signs and checks every document this node writes against the district's write rule. */
  guard: GuardedWriter;
  staff: StaffVerifiers;
  /** Pulls this node's staff verifiers and the void tokens from the identity service now, when enrolled with a hub. */
  staffPull: { once(): Promise<number> } | undefined;
  tokens: StaffTokens;
  /** What a member of staff may do at this node: roles narrowed by grants. */
  rightsOf: (p: Extract<Principal, { kind: 'staff' }>) => Promise<Set<Right>>;
  /** The node's key and chain, once enrolled: what it signs grants with. */
  signer: { keyPem: string; chainPem: string[] } | undefined;
  /** The hall floor: tickets, windows, calling (取号叫号), local to this node. */
  queue: HallQueue;
  /** Admits or refuses the bookings residents make for this hall at any hall's portal (预约). */
  bookings: BookingDesk;
  /** Ratings (好差评), the traffic-light board (红绿灯) and the district's supervision settings. */
  supervision: Supervision;
  /** The SMS outbox of the cases this hall accepted. */
  notices: NoticeOutbox;
  /** Live sync with the hub, when the node has one and is enrolled. */
  sync: HubSync | undefined;
  /** A short token proving this node to the hub, once enrolled (relayed identity calls carry it). */
  hubToken: (() => Promise<string>) | undefined;
  /** The district's cases this hall does not hold, asked of the hub (全网通办), when the node has one and is enrolled. */
  district: HubLookups | undefined;
}
