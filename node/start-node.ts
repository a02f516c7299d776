import pino, { type Logger } from 'pino';
import { join } from 'node:path';
import { createLogNoticeSender } from '../identity/adapter/node/index.js';
import { createHttpNoticeSender, type NoticeSender } from '../identity/index.js';
import { CleanupStack, type Envelope } from '../sync/index.js';
import { NoticeOutbox } from './notices/notice-outbox.js';
import { CaseAdvancer } from './workflow/case-advancer.js';
import {
  createHallQueue,
  openHallWindows,
  startPersonalDataPurge,
  type CreateHallQueueOptions,
  type QueueNotify,
} from './queue/index.js';
import { acceptsHere } from './domain/accepts-here.js';
import { BookingDesk } from './bookings/booking-desk.js';
import { closeServer, listen, NodeSigner } from '../sync/node-only.js';
import { effectiveRights } from './auth/effective-rights.js';
import { readNodeChain } from './auth/node-chain.js';
import { learnRevocation } from './auth/learn-revocation.js';
import { loadOrCreateNodeKey } from './auth/node-key.js';
import { StaffTokens } from './auth/staff-token.js';
import { StaffVerifiers, type StaffAccount } from './auth/staff-verifiers.js';
import type { NodeConfig } from './config.js';
import { startHubLink } from './hub-link.js';
import { hubTokenSource } from './hub-token.js';
import { HubLookups } from './district/hub-lookups.js';
import { pullStaffVerifiers } from './auth/pull-staff-verifiers.js';
import { createNodeApp } from './http/create-node-app.js';
import type { NodeServices } from './services.js';
import { CaseIndex } from './store/case-index.js';
import { CaseStore } from './store/case-store.js';
import { MaterialStore } from './store/material-store.js';
import { openNodeDb } from './store/open-node-db.js';
import { ReferenceData } from './store/reference-data.js';
import { ResidentStore } from './store/resident-store.js';
import { startSupervision } from './supervision/start-supervision.js';
import { writeSeed } from './write-seed.js';
import { GuardedWriter } from './store/guarded-writer.js';
import { nodeWriteContext } from './store/node-write-context.js';
import { hubLibraryClient } from './library/hub-library-client.js';
import { LibraryService } from './library/library-service.js';
import { LicenceIssuer } from './licences/licence-issuer.js';
import { LicenceRegister } from './licences/licence-register.js';

export interface StartNodeOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Clerk accounts to create or reset at start (demo and tests); real halls use `hallnet staff add`. */
  staff?: (StaffAccount & { password: string })[];
  /**
   * The district's published reference data this software ships: written where the replica lacks it
   * (with `config.seed`), and the only unsigned catalogue the node takes.
   */
  seedDocs?: readonly Envelope[];
  /** Where SMS notices go; by default the configured gateway, or a log file in the data folder. */
  noticeSender?: NoticeSender;
  /** The hall queue's rules, and where its calling SMS go (the notice sender unless set). */
  queue?: { notify?: QueueNotify; rules?: CreateHallQueueOptions['rules'] };
  /** How long a clerk's token lasts; one hour unless set. */
  staffTokenSeconds?: number;
  /** Ratings and the board: the hall's address for SMS rating links (the listening URL unless set), and how often to look again. */
  supervision?: { publicUrl?: string; boardTickMs?: number; keeperTickMs?: number };
}

export interface RunningNode {
  url: string;
  services: NodeServices;
  close(): Promise<void>;
}

/** Opens the node's replica, loads what it holds, and serves its API until closed. */
export async function startNode(config: NodeConfig, opts: StartNodeOptions = {}): Promise<RunningNode> {
  const logger = opts.logger ?? pino({ level: config.logLevel, base: { node: config.org } });
  const clock = opts.clock ?? (() => new Date());
  // Everything opened below registers its close here: a failed start closes it, and so does close().
  const stack = new CleanupStack();
  try {
    const db = stack.add('replica', openNodeDb(config.dataDir), (d) => d.close());
    if (config.seed && opts.seedDocs) {
      const written = await writeSeed(db, opts.seedDocs);
      if (written) logger.info({ written }, 'seed data written');
    }
    const chainPem = readNodeChain(config.dataDir);
    const keyPem = loadOrCreateNodeKey(config.dataDir);
    const signer = new NodeSigner(keyPem);
    const reference = stack.add(
      'reference data',
      new ReferenceData(
        db,
        { rootPem: chainPem?.at(-1), clock, signer, org: config.org, seedDocs: opts.seedDocs },
        logger,
      ),
      (r) => r.close(),
    );
    await reference.load();
    const index = stack.add(
      'case index',
      new CaseIndex(db, config.yellowHours, { org: config.org, keys: reference.keys }, logger),
      (i) => i.close(),
    );
    // Listening before the index loads: a certificate that arrives while it loads must still bring its cases in.
    reference.onKeysChanged((change) => void (change === 'certificate' ? index.recheck() : index.recheckAll()));
    await index.load();
    // The library is built below (it needs the guard); the write rule reaches what it verified through this.
    let library: LibraryService | undefined;
    const fetched = {
      doc: (id: string) => library?.doc(id),
      applicantOf: (caseId: string) => library?.applicantOf(caseId),
    };
    const guard = new GuardedWriter(
      db,
      signer,
      { org: config.org, kid: signer.kid },
      nodeWriteContext({ db, reference, keys: reference.keys, clock, fetched }),
    );
    const staff = new StaffVerifiers(db, clock);
    for (const { password, ...account } of opts.staff ?? []) await staff.put(account, password);
    const tokens = await StaffTokens.create({
      org: config.org,
      keyPem,
      chainPem,
      ttlSeconds: opts.staffTokenSeconds ?? 3600,
      clock,
      isRevoked: (serial) => reference.isRevoked(serial),
    });
    if (config.hubUrl && !chainPem) logger.warn('no certificate installed: working alone until the node is enrolled');
    const hubToken = config.hubUrl && chainPem ? hubTokenSource(keyPem, chainPem, clock) : undefined;
    await staff.load();
    // What the hub knows of this node's clerks is pulled again as soon as the link comes back.
    let staffPull: ReturnType<typeof pullStaffVerifiers> | undefined;
    const sync =
      config.hubUrl && hubToken
        ? stack.add(
            'live sync',
            await startHubLink(db, {
              hubUrl: config.hubUrl,
              token: hubToken,
              logger,
              clock,
              onReconnect: () => staffPull?.refresh(),
              onRefused: () =>
                void learnRevocation({
                  hubUrl: config.hubUrl!,
                  district: config.org.split('/')[0]!,
                  chainPem: chainPem!,
                  keys: reference.keys,
                  db,
                  logger,
                }).catch((err: unknown) => logger.warn({ err }, 'could not ask the hub whether this node is revoked')),
            }),
            (h) => h.stop(),
          )
        : undefined;
    if (config.hubUrl && hubToken)
      staffPull = stack.add(
        'staff pull',
        pullStaffVerifiers({ hubUrl: config.hubUrl, org: config.org, token: hubToken, staff, logger, db }),
        (p) => p.stop(),
      );
    const materials = new MaterialStore(db, guard);
    const cases = new CaseStore(db, guard, materials);
    const licences = new LicenceRegister(db, guard, reference.keys, reference, config.org, clock);
    const licenceIssuer = stack.add(
      'licence issuer',
      new LicenceIssuer({ org: config.org, index, register: licences, logger }),
      (l) => l.stop(),
    );
    library = new LibraryService({
      fetch: config.hubUrl && hubToken ? hubLibraryClient(config.hubUrl, hubToken) : undefined,
      index,
      cases,
      materials,
      keys: reference.keys,
      register: licences,
      clock,
      logger,
    });
    const sender =
      opts.noticeSender ??
      (config.smsUrl
        ? createHttpNoticeSender({ url: config.smsUrl })
        : createLogNoticeSender(join(config.dataDir, 'sms.log'), clock));
    let listeningUrl: string | undefined;
    const linkBase = () => opts.supervision?.publicUrl ?? listeningUrl;
    const notices = stack.add(
      'notice outbox',
      new NoticeOutbox({
        db,
        org: config.org,
        index,
        cases,
        reference,
        guard,
        sender,
        linkBase,
        hubCaughtUp: sync ? () => sync.caughtUpOnce() : undefined,
        clock,
        logger,
      }),
      (n) => n.stop(),
    );
    const queue = stack.add(
      'hall queue',
      await createHallQueue({
        dataDir: config.dataDir,
        clock,
        // Calling SMS go out at once: a resident two numbers away has no use for one sent later.
        notify: opts.queue?.notify ?? ((phone, template, params) => sender.send({ phone, template, params })),
        ...(opts.queue?.rules ? { rules: opts.queue.rules } : {}),
        org: config.org,
        hallName: () => reference.orgName(config.org),
        categories: reference.categories,
        logger,
      }),
      (q) => q.close(),
    );
    stack.add('personal data purge', startPersonalDataPurge(queue, logger), (p) => p.stop());
    stack.add(
      'hall windows',
      openHallWindows({
        queue,
        org: config.org,
        level: config.level,
        plan: config.windows,
        acceptable: () => reference.catalogue.search({}).filter((m) => acceptsHere(m, config.org, config.level)),
        caughtUp: () => {
          const status = sync?.status();
          return !status || status.state === 'idle' || (status.lastSyncAt !== undefined && status.pendingDown === 0);
        },
        logger,
      }),
      (w) => w.stop(),
    );
    const bookings = stack.add(
      'booking desk',
      new BookingDesk({ db, guard, queue, reference, org: config.org, clock, logger }),
      (b) => b.stop(),
    );
    const advancer = stack.add(
      'case advancer',
      new CaseAdvancer({ org: config.org, index, cases, reference, clock, logger }),
      (a) => a.stop(),
    );
    const supervision = stack.add(
      'supervision',
      await startSupervision({
        db,
        guard,
        org: config.org,
        clock,
        logger,
        cases: index,
        queue,
        reference,
        keyPem,
        linkBase,
        boardTickMs: opts.supervision?.boardTickMs,
        keeperTickMs: opts.supervision?.keeperTickMs,
      }),
      (s) => s.close(),
    );
    // Closed before the replica: the records still being written in the background are written first.
    const residents = stack.add('resident register', new ResidentStore(db, config.org, guard, logger), (r) =>
      r.settled(),
    );
    const services: NodeServices = {
      org: config.org,
      level: config.level,
      logger,
      clock,
      db,
      reference,
      cases,
      materials,
      notices,
      queue,
      bookings,
      supervision,
      index,
      residents,
      licences,
      library,
      guard,
      staff,
      tokens,
      sync,
      hubToken,
      staffPull,
      district:
        config.hubUrl && hubToken ? new HubLookups({ hubUrl: config.hubUrl, token: hubToken, sync }) : undefined,
      signer: chainPem ? { keyPem, chainPem } : undefined,
      rightsOf: (p) => effectiveRights(p, config.org, reference, Boolean(chainPem)),
    };
    const app = createNodeApp(services, { chainPem, hubUrl: config.hubUrl, metrics: config.metrics });
    notices.start();
    advancer.start();
    licenceIssuer.start();
    await bookings.start();
    const { url } = stack.add('server', await listen(app.fetch, config.host, config.port), (l) =>
      closeServer(l.server),
    );
    listeningUrl = url;
    logger.info(
      { url, org: config.org, level: config.level, matters: reference.catalogue.size, cases: index.size },
      'node listening',
    );
    return {
      url,
      services,
      async close() {
        await stack.close();
        logger.info('node stopped');
      },
    };
  } catch (err) {
    return stack.abandon(err);
  }
}
