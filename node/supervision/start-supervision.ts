import type { Logger } from 'pino';
import type { HallQueue } from '../queue/index.js';
import { DevicePairings } from '../ratings/device-pairings.js';
import { DeviceRequests } from '../ratings/device-requests.js';
import { RatingIndex } from '../ratings/rating-index.js';
import { RatingKeeper } from '../ratings/rating-keeper.js';
import { RatingLinks } from '../ratings/rating-links.js';
import { Ratings } from '../ratings/ratings.js';
import type { CaseIndex } from '../store/case-index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { ReferenceData } from '../store/reference-data.js';
import { BoardFeed } from './board-feed.js';
import { QueueSummaryPublisher } from './queue-summary-publisher.js';
import { SupervisionSettingsStore } from './supervision-settings-store.js';

/** A hall's ratings (好差评), traffic-light board (红绿灯) and the district's supervision settings. */
export interface Supervision {
  settings: SupervisionSettingsStore;
  ratingIndex: RatingIndex;
  ratings: Ratings;
  devices: DeviceRequests;
  /** Which tablet is each window's rating device (paired once with a code). */
  pairings: DevicePairings;
  keeper: RatingKeeper;
  board: BoardFeed;
  /** This hall's daily queue summary (排队日报), replicated for the district's figures. */
  queueSummaries: QueueSummaryPublisher;
}

/** What the node gives its supervision part at start. */
export interface StartSupervisionOptions {
  db: PouchDB.Database;
  /** Signs and checks every rating and notice written (the write rule). */
  guard: GuardedWriter;
  org: string;
  clock: () => Date;
  logger: Logger;
  cases: CaseIndex;
  queue: HallQueue;
  reference: ReferenceData;
  /** The node's private key: the rating links' signing key is derived from it. */
  keyPem: string;
  /** The hall's address as residents reach it, for the SMS rating link. */
  linkBase: () => string | undefined;
  /** How often the board and the rating keeper look again; seconds unless set (tests go faster). */
  boardTickMs?: number | undefined;
  keeperTickMs?: number | undefined;
}

/** Loads ratings and settings, starts the rating keeper and the board; `close` stops them all. */
export async function startSupervision(o: StartSupervisionOptions): Promise<Supervision & { close(): Promise<void> }> {
  // Every live changes feed and replication holds a 'destroyed' listener on the database; with the
  // ratings' feed the node passes Node's default warning mark of 10 — bounded, not a leak.
  const emitter = o.db as unknown as { getMaxListeners(): number; setMaxListeners(n: number): void };
  emitter.setMaxListeners(Math.max(emitter.getMaxListeners(), 20));
  const settings = new SupervisionSettingsStore(o.db, o.reference);
  const ratingIndex = new RatingIndex(o.db, o.reference.keys, o.logger);
  // A rating that arrived before its hall's certificate is taken once the certificate is here.
  o.reference.onKeysChanged((change) => void (change === 'certificate' && ratingIndex.recheck()));
  await ratingIndex.load();
  const links = new RatingLinks(o.keyPem);
  const devices = new DeviceRequests(o.clock);
  const pairings = new DevicePairings(o.db, o.clock);
  const ratings = new Ratings({
    guard: o.guard,
    org: o.org,
    clock: o.clock,
    cases: o.cases,
    queue: o.queue,
    reference: o.reference,
    settings,
    index: ratingIndex,
    links,
    devices,
    pairings,
  });
  const keeper = new RatingKeeper({
    guard: o.guard,
    org: o.org,
    cases: o.cases,
    ratings: ratingIndex,
    reference: o.reference,
    settings,
    links,
    clock: o.clock,
    logger: o.logger,
    linkBase: o.linkBase,
    tickMs: o.keeperTickMs,
  });
  const board = new BoardFeed({
    index: o.cases,
    reference: o.reference,
    clock: o.clock,
    tickMs: o.boardTickMs,
    logger: o.logger,
  });
  const queueSummaries = new QueueSummaryPublisher({
    org: o.org,
    queue: o.queue,
    guard: o.guard,
    db: o.db,
    clock: o.clock,
    logger: o.logger,
  });
  keeper.start();
  board.start();
  queueSummaries.start();
  return {
    settings,
    ratingIndex,
    ratings,
    devices,
    pairings,
    keeper,
    board,
    queueSummaries,
    async close() {
      await queueSummaries.stop();
      board.stop();
      devices.close();
      await keeper.stop();
      ratingIndex.close();
    },
  };
}
