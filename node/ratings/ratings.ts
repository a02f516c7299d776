import {
  HallnetError,
  RATING_LEVEL_NAMES,
  ratingDocId,
  type Actor,
  type RatingDoc,
  type RatingSubject,
} from '../../sync/index.js';
import type { CaseState } from '../../sync/index.js';
import type { HallQueue } from '../queue/index.js';
import type { CaseIndex } from '../store/case-index.js';
import type { GuardedWriter } from '../store/guarded-writer.js';
import type { ReferenceData } from '../store/reference-data.js';
import type { SupervisionSettingsStore } from '../supervision/supervision-settings-store.js';
import { buildRating, type RatingInput } from './build-rating.js';
import {
  DEVICE_REQUEST_MINUTES,
  type DeviceOffer,
  type DeviceRequest,
  type DeviceRequests,
} from './device-requests.js';
import type { DevicePairings } from './device-pairings.js';
import type { RatingIndex } from './rating-index.js';
import type { RatingLinks } from './rating-links.js';
import { caseSubject, visitSubject } from './rating-subject.js';
import { ratingClosesAt } from './rating-closes-at.js';

/** What the ratings work with: the replica, the cases and the queue, the settings, the links and the devices. */
export interface RatingsDeps {
  guard: GuardedWriter;
  org: string;
  clock: () => Date;
  cases: CaseIndex;
  queue: HallQueue;
  reference: ReferenceData;
  settings: SupervisionSettingsStore;
  index: RatingIndex;
  links: RatingLinks;
  devices: DeviceRequests;
  pairings: Pick<DevicePairings, 'status'>;
}

/** What the resident sees of his own case's rating: whether he can still rate, and what he gave. */
export interface ResidentRatingView {
  rateable: boolean;
  closesAt: string | null;
  rating: {
    level: RatingDoc['level'];
    levelName: string;
    comment: string | null;
    ratedAt: string;
    channel: RatingDoc['channel'];
  } | null;
}

/**
 * 好差评 at a node: residents rate their own completed cases online, by an SMS link or at the
 * window's device; clerks can only ask a device to offer a rating, never read one. Each subject
 * is rated once: its rating id is fixed, so a second rating, here or on a replica that already
 * holds one, is refused with nothing written.
 */
export class Ratings {
  constructor(private readonly d: RatingsDeps) {}

  /** A resident rates his own case online (the caller has checked it is his). */
  rateOwnCase(state: CaseState, input: Omit<RatingInput, 'channel'>, author: Actor): Promise<RatingDoc> {
    return this.write(caseSubject(state), { ...input, channel: 'online' }, author, state.parties);
  }

  /** Rates what an SMS link names; a device's token is never accepted here (the paired device rates through its window). */
  rateByLink(token: string, input: Omit<RatingInput, 'channel'>): Promise<{ rated: true; ratingId: string }> {
    return this.rateByToken(token, input, 'sms');
  }

  /** The paired device of `window` rates what it is offering now. */
  rateOnDevice(window: string, input: Omit<RatingInput, 'channel'>): Promise<{ rated: true; ratingId: string }> {
    const token = this.d.devices.tokenOf(window);
    if (!token) throw new HallnetError('ERR_RATING_NOT_OPEN', `window ${window}'s device offers nothing to rate now`);
    return this.rateByToken(token, input, 'device');
  }

  private async rateByToken(
    token: string,
    input: Omit<RatingInput, 'channel'>,
    via: 'sms' | 'device',
  ): Promise<{ rated: true; ratingId: string }> {
    const grant = this.d.links.verify(token, this.d.clock());
    // Answered like a token that is not ours: a device's token is no link.
    if (grant.via !== via) throw new HallnetError('ERR_NOT_FOUND', 'no such rating link');
    const author: Actor =
      grant.via === 'device'
        ? { id: `device:${grant.w}`, name: '评议器', org: this.d.org }
        : { id: 'sms-link', name: '短信评价', org: this.d.org };
    const { subject, parties } = await this.subjectOf(grant.k, grant.id);
    const doc = await this.write(subject, { ...input, channel: grant.via }, author, parties);
    return { rated: true, ratingId: doc._id };
  }

  /** What an SMS link lets its holder rate, for the link's page: never the rating itself. */
  async describeToken(token: string) {
    const grant = this.d.links.verify(token, this.d.clock());
    if (grant.via !== 'sms') throw new HallnetError('ERR_NOT_FOUND', 'no such rating link');
    const { subject, title } = await this.subjectOf(grant.k, grant.id);
    const id = ratingDocId(subject);
    const closesAt = ratingClosesAt(
      subject.kind === 'case' ? subject.closedAt : subject.finishedAt,
      this.d.settings.current,
    );
    const rated = this.d.index.get(id) !== undefined;
    return {
      kind: subject.kind,
      title,
      hallName: this.d.reference.orgName(subject.hall),
      rated,
      rateable: !rated && closesAt > this.d.clock(),
      closesAt: closesAt.toISOString(),
    };
  }

  /** The clerk asks his window's device to offer a rating of a completed case or a finished visit. */
  async offerOnDevice(
    windowId: string,
    what: { caseId: string } | { ticketId: string },
    clerk: { id: string; director: boolean },
  ): Promise<DeviceOffer> {
    const w = this.clerksWindow(windowId, clerk);
    // An offer to a window without a tablet would wait where no one sees it: the clerk is told instead.
    if (!(await this.d.pairings.status(w.id)).paired)
      throw new HallnetError('ERR_NO_RATING_DEVICE', `no rating device is paired with window ${w.name}`);
    const kind = 'caseId' in what ? 'case' : 'visit';
    const { subject, title } = await this.subjectOf(kind, 'caseId' in what ? what.caseId : what.ticketId);
    if (subject.kind === 'visit' && subject.window !== w.id)
      throw new HallnetError('ERR_RATING_NOT_OPEN', `ticket was served at window ${subject.window}`);
    const ratingId = ratingDocId(subject);
    this.refuseRated(ratingId);
    const now = this.d.clock();
    const closesAt = ratingClosesAt(
      subject.kind === 'case' ? subject.closedAt : subject.finishedAt,
      this.d.settings.current,
    );
    if (now >= closesAt) throw new HallnetError('ERR_RATING_CLOSED');
    const exp = Math.floor(Math.min(now.getTime() + DEVICE_REQUEST_MINUTES * 60_000, closesAt.getTime()) / 1000);
    const id = subject.kind === 'case' ? subject.caseId : subject.ticketId;
    const token = this.d.links.sign(
      subject.kind === 'case'
        ? { k: 'case', id, via: 'device', w: w.id, exp }
        : { k: 'visit', id, via: 'device', w: w.id, exp },
    );
    const request: DeviceRequest = {
      window: w.id,
      windowName: w.name,
      token,
      ratingId,
      kind: subject.kind,
      title,
      offeredAt: now.toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
    this.d.devices.offer(request);
    const { token: _t, ...shown } = request;
    return shown;
  }

  /**
   * 办结即评: a visit or a case finished at a window is offered for rating on that window's device at
   * once, when the clerk has a window open here — the resident is still at the counter. Best effort:
   * without an open window, without a tablet paired with it, or with the subject rated or closed to
   * rating already, nothing is offered (and null tells the page not to say it was).
   */
  async offerWhenFinished(
    clerk: { id: string },
    what: { caseId: string } | { ticketId: string },
  ): Promise<{ window: string; windowName: string } | null> {
    const w = this.d.queue.windowOpenBy(clerk.id);
    if (!w) return null;
    try {
      await this.offerOnDevice(w.id, what, { id: clerk.id, director: false });
      return { window: w.id, windowName: w.name };
    } catch (err) {
      if (err instanceof HallnetError) return null;
      throw err;
    }
  }

  /** The window the clerk has open (a director: any open window of the hall); throws otherwise. */
  clerksWindow(windowId: string, clerk: { id: string; director: boolean }) {
    const w = this.d.queue.window(windowId);
    if (!w) throw new HallnetError('ERR_NOT_FOUND', `no window ${windowId}`);
    if (!w.open) throw new HallnetError('ERR_WINDOW_CLOSED', `window ${w.name} is not open`);
    if (w.clerk?.id !== clerk.id && !clerk.director)
      throw new HallnetError('ERR_WINDOW_NOT_YOURS', `window ${w.name} is open under another clerk`);
    return w;
  }

  /** A resident's own case's rating as he may see it. */
  residentView(state: CaseState): ResidentRatingView {
    const r = this.d.index.get(ratingDocId({ kind: 'case', caseId: state.id }));
    const closesAt =
      state.status === 'completed' && state.closedAt
        ? ratingClosesAt(state.closedAt, this.d.settings.current)
        : undefined;
    return {
      rateable: !r && closesAt !== undefined && closesAt > this.d.clock(),
      closesAt: closesAt?.toISOString() ?? null,
      rating: r
        ? {
            level: r.level,
            levelName: RATING_LEVEL_NAMES[r.level],
            comment: r.comment ?? null,
            ratedAt: r.ratedAt,
            channel: r.channel,
          }
        : null,
    };
  }

  private refuseRated(ratingId: string): void {
    if (this.d.index.get(ratingId)) throw new HallnetError('ERR_RATING_EXISTS');
  }

  private async subjectOf(
    kind: 'case' | 'visit',
    id: string,
  ): Promise<{ subject: RatingSubject; parties: string[]; title: string }> {
    if (kind === 'case') {
      const state = this.d.cases.get(id);
      if (!state) throw new HallnetError('ERR_NOT_FOUND', `no case ${id} here`);
      return { subject: caseSubject(state), parties: state.parties, title: state.matterName };
    }
    const t = await this.d.queue.storedTicket(id);
    if (!t) throw new HallnetError('ERR_NOT_FOUND', `no ticket ${id} here`);
    const category = this.d.reference.categories.get(t.category)?.name ?? `第${t.category}类`;
    // Tickets keep the clerk's id only; the window he served at still knows his name while he holds it.
    const w = t.window ? this.d.queue.window(t.window) : undefined;
    const name = w?.clerk?.id === t.clerk ? w?.clerk?.name : undefined;
    return { subject: visitSubject(t, this.d.org, name), parties: [this.d.org], title: `${t.number} 号 · ${category}` };
  }

  private async write(
    subject: RatingSubject,
    input: RatingInput,
    author: Actor,
    parties: string[],
  ): Promise<RatingDoc> {
    const id = ratingDocId(subject);
    this.refuseRated(id);
    const unsigned = buildRating(subject, input, {
      author,
      parties,
      now: this.d.clock(),
      calendar: this.d.reference.calendar,
      settings: this.d.settings.current,
    });
    let doc: RatingDoc;
    try {
      doc = await this.d.guard.put(unsigned);
    } catch (err) {
      // Another rating got in first (a second tab, or the default rating of the same instant).
      if ((err as { status?: number }).status === 409) throw new HallnetError('ERR_RATING_EXISTS');
      throw err;
    }
    this.d.index.put(doc);
    this.d.devices.rated(id);
    return doc;
  }
}
