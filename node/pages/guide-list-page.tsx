import type { Matter } from '../../sync/index.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { MatterTags } from './matter-tags.js';
import { GUIDE_LIST_PAGE } from './ids/desk-ids.js';

/** The search as the form holds it. */
export interface GuideQuery {
  q: string;
  department: string;
  category: number | undefined;
}

export interface GuideListProps {
  ctx: PageContext;
  query: GuideQuery;
  matters: Matter[];
  departments: { path: string; name: string }[];
  categories: { number: number; name: string }[];
  orgName: (path: string) => string;
  /** Opened from the resident portal: phone layout, links keep the resident there. */
  portal: boolean;
}

/** `/guide`: the catalogue searched by keyword, department and category, rendered on the server. */
export function GuideListPage(p: GuideListProps) {
  const suffix = p.portal ? '?from=portal' : '';
  return (
    <Layout ctx={p.ctx} title="办事指南" nav="guide" variant={p.portal ? 'phone' : 'desk'}>
      <form class="card" method="get" action="/guide" role="search" aria-label="搜索事项">
        {p.portal ? <input type="hidden" name="from" value="portal" /> : null}
        <div class="form-row">
          <div class="field">
            <label for={GUIDE_LIST_PAGE.guideQ}>关键词</label>
            <input
              id={GUIDE_LIST_PAGE.guideQ}
              type="search"
              name="q"
              value={p.query.q}
              placeholder="如：残疾人证、低保、营业执照"
            />
          </div>
          <div class="field">
            <label for={GUIDE_LIST_PAGE.guideDepartment}>部门</label>
            <select id={GUIDE_LIST_PAGE.guideDepartment} name="department">
              <option value="">全部部门</option>
              {p.departments.map((d) => (
                <option value={d.path} selected={d.path === p.query.department}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={GUIDE_LIST_PAGE.guideCategory}>主题分类</label>
            <select id={GUIDE_LIST_PAGE.guideCategory} name="category">
              <option value="">全部分类</option>
              {p.categories.map((c) => (
                <option value={String(c.number)} selected={c.number === p.query.category}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field narrow">
            <button type="submit">搜索</button>
          </div>
        </div>
      </form>
      <section class="card" aria-labelledby={GUIDE_LIST_PAGE.guideResults}>
        <h2 id={GUIDE_LIST_PAGE.guideResults}>共找到 {p.matters.length} 个事项</h2>
        {p.matters.length === 0 ? <p class="muted">没有符合条件的事项，请换一个关键词试试。</p> : null}
        <ul class="result-list">
          {p.matters.map((m) => (
            <li>
              <a class="result-name" href={`/guide/${encodeURIComponent(m.code)}${suffix}`}>
                {m.name}
              </a>
              <span class="muted">{p.orgName(m.department)}</span>
              <MatterTags matter={m} level={p.ctx.level} org={p.ctx.org} />
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
