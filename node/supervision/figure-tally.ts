import { isBadRating, RATING_LEVELS, type RatingDoc, type SupervisionSettings } from '../../sync/index.js';
import { overallScore } from './overall-score.js';

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** One group's figures over a period (a hall, a department, a matter or a clerk), as the API answers them. */
export interface FigureRow {
  key: string;
  name: string;
  accepted: number;
  completed: number;
  /** Accepted in the period and completed at acceptance (即办). */
  instant: number;
  /** instant / accepted. */
  instantRate: number | null;
  onTime: number;
  /** Completed by the promised deadline / completed. */
  onTimeRate: number | null;
  /** Completed late in the period, plus still open past the deadline at the period's end. */
  overdue: number;
  /** Average working days from acceptance to completion, less the days waiting for the applicant. */
  avgHandlingDays: number | null;
  /** Queue tickets called in the period, and their average wait from issue to first call. */
  tickets: number;
  avgWaitMinutes: number | null;
  /** Rating figures are null where they are withheld (see `ratingsWithheld`). */
  ratings: number | null;
  defaultRatings: number | null;
  levels: Record<RatingDoc['level'], number> | null;
  /** Satisfied (非常满意/满意/基本满意) of the ratings residents gave. */
  satisfactionRate: number | null;
  /** The same, counting unrated cases' default ratings (基本满意) too. */
  satisfactionRateWithDefaults: number | null;
  followUps: number | null;
  followUpsOverdue: number | null;
  /** 综合考评: the district's weighted score, 0–100. */
  score: number | null;
  /** Why the rating figures (and the score, which weighs them in) are left out for this caller: 样本不足 …; null when shown. */
  ratingsWithheld: string | null;
}

/** Adds up one group's cases, tickets and ratings; `row()` turns the sums into figures. */
export class FigureTally {
  accepted = 0;
  instant = 0;
  completed = 0;
  onTime = 0;
  late = 0;
  openOverdue = 0;
  handlingDays = 0;
  handled = 0;
  tickets = 0;
  waitMs = 0;
  ratings = 0;
  defaults = 0;
  satisfied = 0;
  satisfiedGiven = 0;
  levels = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingDoc['level'], number>;
  followUps = 0;
  followUpsOverdue = 0;

  constructor(
    readonly key: string,
    public name: string,
  ) {}

  addRating(r: RatingDoc, followUpOverdue: boolean): void {
    this.ratings++;
    this.levels[r.level]++;
    const good = !isBadRating(r.level);
    if (good) this.satisfied++;
    if (r.channel === 'default') this.defaults++;
    else if (good) this.satisfiedGiven++;
    if (r.followUpBy) this.followUps++;
    if (followUpOverdue) this.followUpsOverdue++;
  }

  row(settings: SupervisionSettings): FigureRow {
    const instantRate = ratio(this.instant, this.accepted);
    const onTimeRate = ratio(this.onTime, this.completed);
    const avgWaitMinutes = this.tickets ? this.waitMs / this.tickets / 60_000 : null;
    const satisfactionRateWithDefaults = ratio(this.satisfied, this.ratings);
    const score = overallScore(
      { instantRate, onTimeRate, satisfactionRate: satisfactionRateWithDefaults, avgWaitMinutes },
      settings,
    );
    return {
      key: this.key,
      name: this.name,
      accepted: this.accepted,
      completed: this.completed,
      instant: this.instant,
      instantRate: round(instantRate, 4),
      onTime: this.onTime,
      onTimeRate: round(onTimeRate, 4),
      overdue: this.late + this.openOverdue,
      avgHandlingDays: round(this.handled ? this.handlingDays / this.handled : null, 2),
      tickets: this.tickets,
      avgWaitMinutes: round(avgWaitMinutes, 1),
      ratings: this.ratings,
      defaultRatings: this.defaults,
      levels: { ...this.levels },
      satisfactionRate: round(ratio(this.satisfiedGiven, this.ratings - this.defaults), 4),
      satisfactionRateWithDefaults: round(satisfactionRateWithDefaults, 4),
      followUps: this.followUps,
      followUpsOverdue: this.followUpsOverdue,
      score: round(score, 1),
      ratingsWithheld: null,
    };
  }
}
