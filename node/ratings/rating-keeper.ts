import type { Logger } from 'pino';
import { ratingDocId, renderNotice, type Actor, type NoticeDoc } from '../../sync/index.js';
import { PeriodicPass } from '../periodic-pass.js';
import type { CaseIndex } from '../store/case-index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { ReferenceData } from '../store/reference-data.js';
import type { SupervisionSettingsStore } from '../supervision/supervision-settings-store.js';
import { buildDefaultRating } from './build-rating.js';
import type { RatingIndex } from './rating-index.js';
import type { RatingLinks } from './rating-links.js';
import { caseSubject } from './rating-subject.js';
import { ratingClosesAt } from './rating-closes-at.js';

/** The SMS inviting a rating goes this long after completion: a resident still at the window rates on its device. */
export const INVITE_DELAY_MS = 3600_000;
const TICK_MS = 30_000;

/** What the rating keeper works with. */
export interface RatingKeeperOptions {
  guard: GuardedWriter;
  org: string;
  cases: CaseIndex;
  ratings: RatingIndex;
  reference: ReferenceData;
  settings: SupervisionSettingsStore;
  links: RatingLinks;
  clock: () => Date;
  logger: Logger;
  /** Where the hall's pages are reached from outside, for the SMS link; no invitations without it. */
  linkBase: () => string | undefined;
  tickMs?: number;
}

/**
 * One rule decides, as for notices: the hall that accepted a case (its scope) invites its rating
 * by SMS (a signed single-use link, through the notice outbox) and, once the time to rate has
 * passed with no rating, writes the default rating (基本满意, marked default). Nobody else does,
 * so each case gets one default at most; a real rating given in time elsewhere while this hall
 * was cut off wins the conflict (pickRating).
 */
export class RatingKeeper {
  private readonly periodic: PeriodicPass;
  private readonly actor: Actor;
  private readonly invited = new Set<string>();

  constructor(private readonly o: RatingKeeperOptions) {
    this.periodic = new PeriodicPass(
      o.tickMs ?? TICK_MS,
      () => this.pass(),
      (err) => this.o.logger.warn({ err }, 'rating keeper pass failed; the next tick retries'),
    );
    this.actor = { id: `node:${o.org}`, name: '评价管理', org: o.org };
  }

  start(): void {
    this.periodic.start();
  }

  /** One pass now (the timer runs the same). */
  runOnce(): Promise<void> {
    return this.periodic.runOnce();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  private async pass(): Promise<void> {
    const now = this.o.clock();
    const settings = this.o.settings.current;
    for (const c of [...this.o.cases.values()]) {
      if (c.scope !== this.o.org || c.status !== 'completed' || !c.closedAt) continue;
      const id = ratingDocId({ kind: 'case', caseId: c.id });
      if (this.o.ratings.get(id)) continue;
      const closesAt = ratingClosesAt(c.closedAt, settings);
      if (now >= closesAt) {
        const doc = buildDefaultRating(caseSubject(c), { author: this.actor, parties: c.parties, now, settings });
        await this.o.guard.put(doc).then(
          (signed) => this.o.ratings.put(signed),
          (err: { status?: number }) => {
            if (err.status !== 409) this.o.logger.warn({ err, caseId: c.id }, 'default rating not written');
          },
        );
      } else if (
        !c.noticesOptedOut &&
        !this.invited.has(c.id) &&
        now.getTime() - Date.parse(c.closedAt) >= INVITE_DELAY_MS
      ) {
        await this.invite(c.id, c.queryCode, c.matterName, c.applicant.phone, closesAt, now);
      }
    }
  }

  private async invite(
    caseId: string,
    queryCode: string,
    matter: string,
    phone: string,
    closesAt: Date,
    now: Date,
  ): Promise<void> {
    const base = this.o.linkBase();
    if (!base) return;
    const token = this.o.links.sign({ k: 'case', id: caseId, via: 'sms', exp: Math.floor(closesAt.getTime() / 1000) });
    const link = `${base}/rate/${token}`;
    const hall = this.o.reference.orgName(this.o.org);
    const params = { queryCode, matter: matter.slice(0, 100), link };
    const doc: NoticeDoc = {
      _id: `notice:${caseId}:rating-invite`,
      type: 'notice',
      scope: this.o.org,
      parties: [this.o.org],
      author: this.actor,
      at: now.toISOString(),
      caseId,
      template: 'case.rating-invite',
      phone,
      params,
      text: renderNotice('case.rating-invite', params, hall) ?? '',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
    };
    await this.o.guard.put(doc).then(
      () => this.invited.add(caseId),
      (err: { status?: number }) => {
        if (err.status === 409) this.invited.add(caseId);
        else this.o.logger.warn({ err, caseId }, 'rating invitation not written');
      },
    );
  }
}
