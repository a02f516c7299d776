import type { Organisation } from '../../sync/index.js';

/**
 * The title every page's header carries above the node's name: the district's service, as its
 * center is named without 中心 (东城区政务服务中心 → 东城区政务服务); plain 政务服务 while the node
 * holds no center of its district (a district run on the city's catalogue alone), never another
 * district's name.
 */
export function districtBrand(organisations: ReadonlyMap<string, Pick<Organisation, 'name'>>, org: string): string {
  const center = organisations.get(org.split('/')[0]!);
  return center ? center.name.replace(/中心$/, '') : '政务服务';
}
