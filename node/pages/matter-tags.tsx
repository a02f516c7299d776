import type { Matter } from '../../sync/index.js';
import { isCityMatter } from '../domain/is-city-matter.js';

/** The small tags a matter shows in lists: 全市通办, 即办件 or 承诺件 with its time limit, 可网办, 本站可办. */
export function MatterTags({ matter, level, org }: { matter: Matter; level: 4 | 5 | 6; org: string }) {
  return (
    <span class="tags">
      {isCityMatter(matter, org) ? <span class="tag tag-city">全市通办</span> : null}{' '}
      {matter.instant ? (
        <span class="tag tag-instant">即办件</span>
      ) : (
        <span class="tag tag-promise">承诺件 · {matter.promisedDays} 个工作日</span>
      )}{' '}
      {matter.online ? <span class="tag tag-online">可网办</span> : null}{' '}
      {matter.levels.includes(level) ? <span class="tag tag-optional">本站可办</span> : null}
    </span>
  );
}
