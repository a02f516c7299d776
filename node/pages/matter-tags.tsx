import type { Matter } from '../../sync/index.js';

/** The small tags a matter shows in lists: 即办件 or 承诺件 with its time limit, 可网办, 本站可办. */
export function MatterTags({ matter, level }: { matter: Matter; level: 4 | 5 | 6 }) {
  return (
    <span class="tags">
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
