import { randomBytes } from 'node:crypto';
import { HallnetError, type IssuedOnCase, type Matter } from '../../sync/index.js';
import { makeQueryCode } from './query-code.js';
import { chinaDate, endOfChinaDay } from './working-days.js';

const DAY_MS = 86_400_000;

/** A fresh licence number: `ZZ-<year>-` and a check-charactered code (ISO 7064, as query codes). */
function licenceNumber(now: Date): string {
  return `ZZ-${chinaDate(now).slice(0, 4)}-${makeQueryCode()}`;
}

/** The last day a licence of `years` issued on `now` is valid: the day before its anniversary, China time. */
function validUntilFor(now: Date, years: number): string {
  const [y, m, d] = chinaDate(now).split('-').map(Number) as [number, number, number];
  const anniversary = Date.UTC(y + years, m - 1, d);
  return endOfChinaDay(new Date(anniversary - DAY_MS).toISOString().slice(0, 10));
}

/**
 * The electronic licences a completion of `matter` issues (电子证照): one of each type the
 * catalogue names, with a fresh number, the holder's key (which binds the licence to the applicant
 * without naming him in the public register) and its validity — the catalogue's years, or an
 * earlier end the deciding office sets (`validUntil`).
 */
export function licencesFor(
  matter: Pick<Matter, 'issues'> | undefined,
  now: Date,
  validUntil?: string,
): IssuedOnCase[] {
  const issues = matter?.issues ?? [];
  if (validUntil !== undefined && !issues.length)
    throw new HallnetError('ERR_VALIDATION', 'this matter issues no licence', {
      issues: [{ field: 'validUntil', reason: 'this matter issues no licence / 该事项不核发证照' }],
    });
  return issues.map((spec) => {
    const longest = spec.validYears === undefined ? undefined : validUntilFor(now, spec.validYears);
    if (
      validUntil !== undefined &&
      (Date.parse(validUntil) <= now.getTime() ||
        (longest !== undefined && Date.parse(validUntil) > Date.parse(longest)))
    ) {
      throw new HallnetError(
        'ERR_VALIDATION',
        `validUntil ${validUntil} is not between now and ${longest ?? 'any time'}`,
        {
          issues: [
            {
              field: 'validUntil',
              reason: `must be after now${longest ? ` and at most ${spec.validYears} years` : ''} / 有效期须晚于现在${longest ? `，且不超过 ${spec.validYears} 年` : ''}`,
            },
          ],
        },
      );
    }
    const until = validUntil ?? longest;
    return {
      number: licenceNumber(now),
      licenceType: spec.licenceType,
      key: randomBytes(16).toString('hex'),
      ...(until ? { validUntil: until } : {}),
    };
  });
}
