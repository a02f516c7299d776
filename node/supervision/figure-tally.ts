import {
  CaseTally,
  isSatisfied,
  MIN_RATINGS,
  RATING_LEVELS,
  rate,
  rounded,
  type RatingDoc,
  type SupervisionSettings,
} from '../../sync/index.js';
import { overallScore } from './overall-score.js';

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
  /** Completed by the promised deadline / the cases due: completed, and open past the deadline (`overdueOpen`). */
  onTimeRate: number | null;
  /** Completed late in the period, plus still open past the deadline at the period's end. */
  overdue: number;
  /** Of `overdue`, those still open past the deadline at the period's end (超期未办结). */
  overdueOpen: number;
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
  /** 综合考评: the district's weighted score, 0–100; satisfaction weighs in from MIN_RATINGS ratings. */
  score: number | null;
  /** Why the rating figures (and the score, which weighs them in) are left out for this caller: 样本不足 …; null when shown. */
  ratingsWithheld: string | null;
}

/**
 * Adds up one group's cases, tickets and ratings; `row()` turns the sums into figures. The counts
 * the city's supervision makes too (accepted, 即办, on time, satisfied) are CaseTally's.
 */
export class FigureTally extends CaseTally {
  late = 0;
  handlingDays = 0;
  handled = 0;
  tickets = 0;
  waitMs = 0;
  defaults = 0;
  satisfiedGiven = 0;
  levels = Object.fromEntries(RATING_LEVELS.map((l) => [l, 0])) as Record<RatingDoc['level'], number>;
  followUps = 0;
  followUpsOverdue = 0;

  constructor(
    readonly key: string,
    public name: string,
  ) {
    super();
  }

  addRating(r: RatingDoc, followUpOverdue: boolean): void {
    this.addRatingLevel(r.level);
    this.levels[r.level]++;
    if (r.channel === 'default') this.defaults++;
    else if (isSatisfied(r.level)) this.satisfiedGiven++;
    if (r.followUpBy) this.followUps++;
    if (followUpOverdue) this.followUpsOverdue++;
  }

  row(settings: SupervisionSettings): FigureRow {
    const { instantRate, onTimeRate, satisfactionRate: satisfactionRateWithDefaults } = this.rates();
    const avgWaitMinutes = this.tickets ? this.waitMs / this.tickets / 60_000 : null;
    // Satisfaction weighs in from MIN_RATINGS ratings only, for every caller: below that it is
    // published to nobody but the supervisors, and a score that differed by it would give it away.
    const score = overallScore(
      {
        instantRate,
        onTimeRate,
        satisfactionRate: this.ratings >= MIN_RATINGS ? satisfactionRateWithDefaults : null,
        avgWaitMinutes,
      },
      settings,
    );
    return {
      key: this.key,
      name: this.name,
      accepted: this.accepted,
      completed: this.completed,
      instant: this.instant,
      instantRate: rounded(instantRate, 4),
      onTime: this.onTime,
      onTimeRate: rounded(onTimeRate, 4),
      overdue: this.late + this.openOverdue,
      overdueOpen: this.openOverdue,
      avgHandlingDays: rounded(this.handled ? this.handlingDays / this.handled : null, 2),
      tickets: this.tickets,
      avgWaitMinutes: rounded(avgWaitMinutes, 1),
      ratings: this.ratings,
      defaultRatings: this.defaults,
      levels: { ...this.levels },
      satisfactionRate: rounded(rate(this.satisfiedGiven, this.ratings - this.defaults), 4),
      satisfactionRateWithDefaults: rounded(satisfactionRateWithDefaults, 4),
      followUps: this.followUps,
      followUpsOverdue: this.followUpsOverdue,
      score: rounded(score, 1),
      ratingsWithheld: null,
    };
  }
}
