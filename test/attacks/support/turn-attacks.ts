import { CASE_FLAG_TEXT } from '../../../sync/index.js';
import { A, CENTER } from './attack-district.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { appended, eventBy, type EventBody } from './forge.js';
import { RESTAURANT } from './legit-story.js';

/** A decision the station may no longer take once it forwarded the case: what its clerk asks the API, and the event it pushes instead. */
export interface OutOfTurn {
  kind: string;
  /** The story's case it is tried on. */
  caseOf: (ctx: AttackContext) => string;
  /** The body the station's clerk posts to its own API. */
  api: Record<string, unknown>;
  /** The event the station signs and pushes to the hub past its own API. */
  event: (ctx: AttackContext) => EventBody;
  /** The code the station's API answers with. */
  code: 'ERR_NOT_RESPONSIBLE' | 'ERR_CASE_STATE';
}

const forwarded = (ctx: AttackContext) => ctx.story.forwarded;
const stagedAtCenter = (ctx: AttackContext) => ctx.story.staged;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** The decisions of issue 12's browser finding, and more: after forwarding, the station decides nothing. */
export const OUT_OF_TURN: OutOfTurn[] = [
  {
    kind: 'completed',
    caseOf: forwarded,
    api: { kind: 'completed', result: '社区办结' },
    event: () => ({ kind: 'completed', result: '社区办结' }),
    code: 'ERR_NOT_RESPONSIBLE',
  },
  {
    kind: 'rejected',
    caseOf: forwarded,
    api: { kind: 'rejected', reason: '材料不全' },
    event: () => ({ kind: 'rejected', reason: '材料不全' }),
    code: 'ERR_NOT_RESPONSIBLE',
  },
  // A station has no hall below it to return a case to: its API refuses the target before it asks who holds the case.
  {
    kind: 'returned',
    caseOf: forwarded,
    api: { kind: 'returned', to: A, note: '请补正', materials: [] },
    event: () => ({ kind: 'returned', to: A, note: '请补正', materials: [] }),
    code: 'ERR_CASE_STATE',
  },
  {
    kind: 'extended',
    caseOf: forwarded,
    api: { kind: 'extended', days: 10, reason: '需要延期' },
    event: () => ({ kind: 'extended', days: 10, reason: '需要延期', promisedBy: inAMonth() }),
    code: 'ERR_NOT_RESPONSIBLE',
  },
  {
    kind: 'stage-started',
    caseOf: stagedAtCenter,
    api: { kind: 'stage-started' },
    event: (ctx) => {
      const stage = ctx.d.node(A).services.reference.catalogue.get(RESTAURANT)!.stages![0]!;
      return { kind: 'stage-started', stage: 0, name: stage.name, departments: stage.departments };
    },
    code: 'ERR_NOT_RESPONSIBLE',
  },
  {
    kind: 'forwarded',
    caseOf: forwarded,
    api: { kind: 'forwarded', to: CENTER },
    event: () => ({ kind: 'forwarded', to: CENTER }),
    code: 'ERR_NOT_RESPONSIBLE',
  },
];

/** Each out-of-turn decision pushed to the hub as an event the station signed, past its own API. */
export const OUT_OF_TURN_ATTACKS: Attack[] = OUT_OF_TURN.map((t) => ({
  name: `the station's "${t.kind}" of a case it forwarded, pushed past its API`,
  via: t.kind === 'completed' ? 'pouch' : 'bulk',
  reason: new RegExp(`${t.kind} by ${A}: ${CASE_FLAG_TEXT.ERR_NOT_RESPONSIBLE.replace(/[/]/g, '\\/')}`),
  forge: async (ctx) =>
    appended(ctx.attacker.signer, await ctx.attacker.read(`case:${t.caseOf(ctx)}`), [eventBy(A, t.event(ctx))]),
}));
