import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERVISION_SETTINGS, foldCase, type CaseDoc, type CaseEvent } from '../../sync/index.js';
import { caseDoc, UNSIGNED } from '../../test/support/fixtures.js';
import { computeFigures } from '../supervision/compute-figures.js';
import { overdueAt, pausedDays, trafficLight } from './traffic-light.js';
import { WorkCalendar } from './working-days.js';

const HALL = 'dongcheng/jingshan/huangchenggen';
const STREET = 'dongcheng/jingshan';
const cst = (s: string) => new Date(`${s}+08:00`).toISOString();
const at = (s: string) => new Date(cst(s));
const calendar = new WorkCalendar([]);
const street = { id: 'staff:li', name: '李建国', org: STREET };

/** A case accepted Monday 2 November 2026, due Thursday 5th, forwarded to the street and returned for a material on Wednesday 4th. */
function returnedCase(then: CaseEvent[] = []): CaseDoc {
  const base = caseDoc(HALL, cst('2026-11-02T10:00:00'));
  const accepted = {
    ...(base.events[0] as Extract<CaseEvent, { kind: 'accepted' }>),
    promisedBy: cst('2026-11-05T23:59:59'),
  };
  return {
    ...base,
    parties: [HALL, STREET],
    events: [
      accepted,
      {
        id: randomUUID(),
        at: cst('2026-11-02T11:00:00'),
        actor: accepted.actor,
        ...UNSIGNED,
        kind: 'forwarded',
        to: STREET,
      },
      {
        id: randomUUID(),
        at: cst('2026-11-04T09:00:00'),
        actor: street,
        ...UNSIGNED,
        kind: 'returned',
        to: HALL,
        note: '请补交收入证明',
        materials: ['income-proof'],
      },
      ...then,
    ],
  };
}

describe('the clock while a case waits for the applicant (暂停)', () => {
  it('shows the light paused with the working days waited, long past the old deadline, and never red for that time', () => {
    const waiting = foldCase(returnedCase());
    expect(trafficLight(waiting, at('2026-11-04T12:00:00'))).toBe('paused');
    // A week after the old deadline the light is still paused, not red: the clock stands still.
    const later = at('2026-11-12T10:00:00');
    expect(trafficLight(waiting, later)).toBe('paused');
    expect(pausedDays(waiting, later, calendar)).toBe(calendar.workingDaysBetween(at('2026-11-04T09:00:00'), later));
    expect(pausedDays(waiting, later, calendar)).toBeGreaterThan(0);
    expect(overdueAt(waiting, later.getTime())).toBe(false);
    // The same case not returned would be red by then.
    expect(trafficLight({ ...waiting, waitingForApplicant: undefined }, later)).toBe('red');
  });

  it('runs again once the materials came, with the deadline moved by the days waited', () => {
    const days = calendar.workingDaysBetween(at('2026-11-04T09:00:00'), at('2026-11-09T10:00:00'));
    const promisedBy = calendar.deadline(new Date(cst('2026-11-05T23:59:59')), days);
    const made = foldCase(
      returnedCase([
        {
          id: randomUUID(),
          at: cst('2026-11-09T10:00:00'),
          actor: { id: 'staff:liu', name: '刘芳', org: HALL },
          ...UNSIGNED,
          kind: 'supplemented',
          materials: ['income-proof'],
          suspendedDays: days,
          promisedBy,
        },
      ]),
    );
    expect(made.waitingForApplicant).toBeUndefined();
    expect(trafficLight(made, at('2026-11-09T11:00:00'))).not.toBe('paused');
    expect(Date.parse(made.promisedBy ?? '')).toBeGreaterThan(Date.parse(cst('2026-11-05T23:59:59')));
  });

  it('a case already overdue when it was returned stays overdue in the figures', () => {
    const late = foldCase(returnedCase());
    expect(overdueAt({ ...late, promisedBy: cst('2026-11-03T23:59:59') }, at('2026-11-12T10:00:00').getTime())).toBe(
      true,
    );
  });

  it("the figures' overdue count follows the same rule: a paused case is not overdue, the same case running is", () => {
    const waiting = foldCase(returnedCase());
    const figures = (c: typeof waiting) =>
      computeFigures(
        { from: '2026-11-02', to: '2026-11-13', by: 'node' },
        {
          cases: [c],
          ratings: [],
          answerTo: () => undefined,
          tickets: [],
          hall: HALL,
          now: at('2026-11-20T09:00:00'),
          calendar,
          settings: DEFAULT_SUPERVISION_SETTINGS,
          orgName: (p) => p,
          matterName: (m) => m,
        },
      ).total;
    expect(figures(waiting)).toMatchObject({ accepted: 1, overdue: 0 });
    expect(figures({ ...waiting, waitingForApplicant: undefined })).toMatchObject({ accepted: 1, overdue: 1 });
  });
});
