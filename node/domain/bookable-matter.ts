import { HallnetError, levelOfPath, type Matter } from '../../sync/index.js';
import type { Catalogue } from './catalogue.js';
import { acceptsHere } from './accepts-here.js';

/**
 * The matter a resident books for at the hall `org`: known, bookable, taken at that hall's window,
 * and (when the booking names one) of the category booked. Each failure names its field in Chinese.
 */
export function bookableMatter(catalogue: Catalogue, code: string, org: string, category?: number): Matter {
  const matter = catalogue.get(code);
  if (!matter)
    throw new HallnetError('ERR_MATTER_UNKNOWN', code, {
      issues: [{ field: 'matterCode', reason: 'unknown matter / 没有这个事项' }],
    });
  if (!matter.bookable)
    throw new HallnetError('ERR_NOT_BOOKABLE', `${code} is not bookable`, {
      issues: [{ field: 'matterCode', reason: 'not bookable / 该事项不接受预约，请直接到大厅取号' }],
    });
  const level = levelOfPath(org);
  if (level === undefined || !acceptsHere(matter, org, level))
    throw new HallnetError('ERR_MATTER_LEVEL', `${code} is not handled at ${org}`, {
      issues: [{ field: 'matterCode', reason: 'not handled at this hall / 该大厅不办理该事项' }],
    });
  if (category !== undefined && matter.category !== category)
    throw new HallnetError('ERR_VALIDATION', `${code} is in category ${matter.category}`, {
      issues: [
        {
          field: 'category',
          reason: `the matter is in category ${matter.category} / 该事项属于第 ${matter.category} 类业务`,
        },
      ],
    });
  return matter;
}
