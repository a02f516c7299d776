import type { Matter } from '../sync/index.js';
import { seedMatters } from './seed/index.js';

/** The city's slug in the demo and tests. */
export const CITY = 'beijing';

/** The city catalogue's 全市通办 matters: [city code, the 东城 matter it is modelled on]. */
const CITY_MATTERS = [['BJ-WJ-007', 'DC-WJ-007']] as const;

/**
 * The city catalogue (跨区通办): matters a resident applies for at any hall of any district, each
 * decided by the department its `department` names, in whichever district that is. Published by
 * the city hub alone (its write rule refuses a matter from a district) and replicated down to every
 * district, whose halls list it beside their own. The one here is 东城's 计划生育家庭特别扶助金给付,
 * decided by 东城's health commission, under a city code.
 */
export function cityCatalogue(city = CITY): Matter[] {
  const seeds = new Map(seedMatters().map((m) => [m.code, m]));
  return CITY_MATTERS.map(([code, model]) => {
    const m = seeds.get(model)!;
    return {
      ...m,
      _id: `matter:${code}`,
      code,
      name: `${m.name}（全市通办）`,
      scope: city,
      parties: [city],
      author: { id: 'city', name: '北京市政务服务管理局', org: city },
    };
  });
}
