import {
  caseDocSchema,
  caseInPeriod,
  CaseTally,
  foldCase,
  isAccepted,
  isDistrictRootDoc,
  MIN_RATINGS,
  periodBounds,
  ratingDocSchema,
  rounded,
  trafficLight,
  withinPeriod,
  type AcceptedCase,
  type CaseDoc,
  type CaseState,
  type Light,
} from '../../sync/index.js';
import type { Store } from '../store/store.js';
import { districtsOf } from './districts-of.js';

/** One district's figures in one role (accepting cases at its halls, or deciding them in its departments). */
export interface RoleFigures {
  /** Accepted in the period. */
  accepted: number;
  /** Completed in the period, and of them by the promised deadline. */
  completed: number;
  onTime: number;
  /** onTime / the cases due: completed, and open past the deadline now (CaseTally). */
  onTimeRate: number | null;
  /** Accepted in the period and completed at acceptance (即办), and instant / accepted. */
  instant: number;
  instantRate: number | null;
  /** The lights of the cases open now. */
  lights: Record<Light, number>;
  /** Ratings given in the period, default ones (基本满意) included; null when withheld. */
  ratings: number | null;
  /** Satisfied (非常满意/满意/基本满意) of those; null when withheld or none. */
  satisfactionRate: number | null;
  /** 样本不足 when the group holds fewer than MIN_RATINGS ratings (but some), as inside a district. */
  ratingsWithheld: string | null;
}

/** The city's supervision of cross-district cases (跨区通办), per district, over a period. */
export interface CityFigures {
  from: string;
  to: string;
  /** `name`: the district's name on the root document the city publishes (东城区), else its slug. */
  districts: { district: string; name: string; accepting: RoleFigures; deciding: RoleFigures }[];
}

const PAGE = 500;

/** Every document under `prefix` in the city's store, page by page. */
async function* allUnder(store: Store, prefix: string): AsyncGenerator<Record<string, unknown>> {
  let after: string | undefined;
  for (;;) {
    const page = await store.docsByPrefix(prefix, { limit: PAGE, ...(after ? { after } : {}) });
    yield* page as Record<string, unknown>[];
    if (page.length < PAGE) return;
    after = page.at(-1)!._id;
  }
}

/** A district's counts in one role: the district's own (CaseTally), and the lights of its open cases. */
class Tally extends CaseTally {
  lights: Record<Light, number> = { green: 0, yellow: 0, red: 0, paused: 0 };

  figures(): RoleFigures {
    const withheld = this.ratings > 0 && this.ratings < MIN_RATINGS;
    const r = this.rates();
    return {
      accepted: this.accepted,
      completed: this.completed,
      onTime: this.onTime,
      onTimeRate: rounded(r.onTimeRate, 4),
      instant: this.instant,
      instantRate: rounded(r.instantRate, 4),
      lights: { ...this.lights },
      ratings: withheld ? null : this.ratings,
      satisfactionRate: withheld ? null : rounded(r.satisfactionRate, 4),
      ratingsWithheld: withheld ? '样本不足' : null,
    };
  }
}

/**
 * Per-district figures of the cross-district cases the city holds (the only cases it holds): for
 * each district, as the accepting one (its halls' cases) and as the deciding one (its departments'):
 * counts, on-time and instant-completion rates, the lights of open cases now, and satisfaction from
 * the ratings its districts relayed, withheld below MIN_RATINGS as inside a district. `from`/`to`
 * are China dates, inclusive.
 */
export async function cityFigures(store: Store, q: { from: string; to: string }, now: Date): Promise<CityFigures> {
  const period = periodBounds(q);
  const tallies = new Map<string, { accepting: Tally; deciding: Tally }>();
  const of = (district: string) => {
    let t = tallies.get(district);
    if (!t) tallies.set(district, (t = { accepting: new Tally(), deciding: new Tally() }));
    return t;
  };
  const roles = (c: Pick<AcceptedCase, 'scope' | 'department'>) => [
    of(c.scope.split('/')[0]!).accepting,
    of(c.department.split('/')[0]!).deciding,
  ];

  const cases = new Map<string, AcceptedCase>();
  for await (const raw of allUnder(store, 'case:')) {
    const doc = caseDocSchema.safeParse(raw);
    if (!doc.success || districtsOf(doc.data.parties).size < 2) continue;
    const c = foldOrSkip(doc.data);
    if (!c || !isAccepted(c)) continue;
    cases.set(c.id, c);
    const facts = caseInPeriod(c, period);
    const light = trafficLight(c, now);
    for (const t of roles(c)) {
      t.addCase(c, facts);
      if (light) t.lights[light]++;
      if (light === 'red') t.openOverdue++;
    }
  }
  for await (const raw of allUnder(store, 'rating:')) {
    const r = ratingDocSchema.safeParse(raw);
    if (!r.success || r.data.subject.kind !== 'case' || !withinPeriod(r.data.ratedAt, period)) continue;
    const c = cases.get(r.data.subject.caseId);
    if (!c) continue;
    for (const t of roles(c)) t.addRatingLevel(r.data.level);
  }
  const names = await districtNames(store);
  return {
    from: q.from,
    to: q.to,
    districts: [...tallies.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([district, t]) => ({
        district,
        name: names.get(district) ?? district,
        accepting: t.accepting.figures(),
        deciding: t.deciding.figures(),
      })),
  };
}

/** The districts' names, from the roots the city publishes (`districtRootDoc`): the city holds no other. */
async function districtNames(store: Store): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for await (const doc of allUnder(store, 'certificate:'))
    if (isDistrictRootDoc(doc) && typeof doc.name === 'string') names.set(String(doc.org), doc.name);
  return names;
}

/** The case's state, or undefined for one with no valid acceptance (the city counts what it can fold). */
function foldOrSkip(doc: CaseDoc): CaseState | undefined {
  try {
    return foldCase(doc);
  } catch {
    return undefined;
  }
}
