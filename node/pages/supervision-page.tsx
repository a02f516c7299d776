import { RATING_LEVELS, RATING_LEVEL_NAMES } from '../../sync/index.js';
import { ClerkLogin } from './clerk-login.js';
import type { ElementId } from './ids/element-id.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { SUPERVISION_PAGE } from './ids/supervision-ids.js';

/** What the dashboard is rendered with. */
export interface SupervisionPageProps {
  ctx: PageContext;
  /** The default period: the last 30 days by the node's clock. */
  from: string;
  to: string;
  /** The district center publishes the settings; other nodes only show them. */
  district: boolean;
}

const BY = [
  ['node', '服务机构'],
  ['department', '部门'],
  ['matter', '事项'],
  ['clerk', '窗口人员'],
] as const;

/** A chart drawn by the node (an SVG fetched with the user's token by browser/supervision-figures.ts). */
function Chart({ id, caption, wide = false }: { id: ElementId; caption: string; wide?: boolean }) {
  return (
    <figure class={wide ? 'chart card chart-wide' : 'chart card'}>
      <div id={id} class="chart-box" aria-busy="true" />
      <figcaption class="muted">{caption}</figcaption>
    </figure>
  );
}

/**
 * `/supervision`: 综合考评 for every member of staff and 效能监察 (browser/supervision.ts): the
 * figures over a period with server-drawn SVG charts, a table and a CSV download (rating figures in
 * full for the supervision office; for anyone else only over an ended month and groups of five
 * ratings or more, else 样本不足); every open case's light (supervision.view); single ratings and
 * their follow-ups (ratings.view); the district's weights. A section the caller has no right to
 * is hidden, not shown empty.
 */
export function SupervisionPage({ ctx, from, to, district }: SupervisionPageProps) {
  const levels = RATING_LEVELS.map((l) => [l, RATING_LEVEL_NAMES[l]]);
  return (
    <Layout
      ctx={ctx}
      title="督查考评"
      nav="supervision"
      styles={['supervision.css']}
      scripts={['supervision']}
      data={{ from, to, district, levels: Object.fromEntries(levels) }}
    >
      <ClerkLogin title="工作人员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={SUPERVISION_PAGE.svMsg} hidden />
        <form id={SUPERVISION_PAGE.svFilter} class="card" aria-label="统计条件">
          <div class="form-row">
            <div class="field narrow">
              <label for={SUPERVISION_PAGE.svFrom}>统计开始</label>
              <input type="date" id={SUPERVISION_PAGE.svFrom} name="from" value={from} required />
            </div>
            <div class="field narrow">
              <label for={SUPERVISION_PAGE.svTo}>统计结束</label>
              <input type="date" id={SUPERVISION_PAGE.svTo} name="to" value={to} required />
            </div>
            <div class="field narrow">
              <label for={SUPERVISION_PAGE.svBy}>分组</label>
              <select id={SUPERVISION_PAGE.svBy} name="by">
                {BY.map(([v, label]) => (
                  <option value={v}>按{label}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={SUPERVISION_PAGE.svOrg}>范围</label>
              <select id={SUPERVISION_PAGE.svOrg} name="org">
                <option value="">本节点全部</option>
              </select>
            </div>
            <div class="field auto">
              <button type="submit">统计</button>
            </div>
            <div class="field auto">
              <button type="button" class="secondary" id={SUPERVISION_PAGE.svLastMonth}>
                上一个自然月
              </button>
            </div>
            <div class="field auto">
              <button type="button" class="secondary" id={SUPERVISION_PAGE.svCsv}>
                导出 CSV
              </button>
            </div>
          </div>
        </form>

        <section aria-labelledby={SUPERVISION_PAGE.totalsTitle}>
          <h2 id={SUPERVISION_PAGE.totalsTitle}>综合考评</h2>
          <div id={SUPERVISION_PAGE.svTotals} class="grid-tiles sv-tiles" aria-live="polite" />
        </section>
        <div class="sv-charts">
          <Chart
            id={SUPERVISION_PAGE.chartScore}
            caption="综合得分 = 即办率、按时办结率（应办结的办件中按时办结的比例，超期未办结计为未按时）、满意率（含默认评价，满 5 条评价才计入）和排队等候的加权平均，权重由区里设定；没有数据的指标不计入。"
          />
          <Chart id={SUPERVISION_PAGE.chartRates} caption="各组的即办率、按时办结率和满意率。" />
          <Chart id={SUPERVISION_PAGE.chartDaily} caption="统计期内每日受理与办结件数。" wide />
        </div>
        <section class="card" aria-labelledby={SUPERVISION_PAGE.tableTitle}>
          <h2 id={SUPERVISION_PAGE.tableTitle}>分组明细</h2>
          <div class="table-wrap">
            <table class="sv-table">
              <thead>
                <tr>
                  <th scope="col">名称</th>
                  <th scope="col" class="num">
                    受理
                  </th>
                  <th scope="col" class="num">
                    办结
                  </th>
                  <th scope="col" class="num">
                    即办率
                  </th>
                  <th scope="col" class="num">
                    按时办结率
                  </th>
                  <th scope="col" class="num">
                    超期
                  </th>
                  <th scope="col" class="num">
                    平均办理（工作日）
                  </th>
                  <th scope="col" class="num">
                    平均等候（分钟）
                  </th>
                  <th scope="col" class="num">
                    满意率（不含默认）
                  </th>
                  <th scope="col" class="num">
                    满意率（含默认）
                  </th>
                  <th scope="col" class="num">
                    回访超期
                  </th>
                  <th scope="col" class="num">
                    综合得分
                  </th>
                </tr>
              </thead>
              <tbody id={SUPERVISION_PAGE.svRows} />
            </table>
          </div>
        </section>

        <section class="card" aria-labelledby={SUPERVISION_PAGE.lightsTitle}>
          <h2 id={SUPERVISION_PAGE.lightsTitle}>红绿灯</h2>
          <p class="muted">
            办理中的办件按受理机构统计。<a href="/board">打开红绿灯督办大屏</a>
          </p>
          <div id={SUPERVISION_PAGE.svLightTotals} class="sv-light-totals" aria-live="polite" />
          <div class="grid-2 sv-lights">
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">受理机构</th>
                    <th scope="col" class="num">
                      绿灯
                    </th>
                    <th scope="col" class="num">
                      黄灯
                    </th>
                    <th scope="col" class="num">
                      红灯
                    </th>
                  </tr>
                </thead>
                <tbody id={SUPERVISION_PAGE.svLightHalls} />
              </table>
            </div>
            <ul id={SUPERVISION_PAGE.svWatched} class="result-list sv-watched" aria-label="黄灯和红灯办件" />
          </div>
        </section>

        <section class="card" aria-labelledby={SUPERVISION_PAGE.ratingsTitle}>
          <h2 id={SUPERVISION_PAGE.ratingsTitle}>好差评</h2>
          <p class="muted">单条评价仅效能监察人员可见，窗口工作人员看不到。差评须在规定工作日内回访答复。</p>
          <form id={SUPERVISION_PAGE.svRatingFilter} class="form-row" aria-label="筛选评价">
            <div class="field narrow">
              <label for={SUPERVISION_PAGE.svLevel}>评价等级</label>
              <select id={SUPERVISION_PAGE.svLevel} name="level">
                <option value="">全部</option>
                {levels.map(([v, label]) => (
                  <option value={v}>{label}</option>
                ))}
              </select>
            </div>
            <div class="field narrow">
              <label for={SUPERVISION_PAGE.svFollowup}>回访</label>
              <select id={SUPERVISION_PAGE.svFollowup} name="followUp">
                <option value="">全部</option>
                <option value="any">差评（需回访）</option>
                <option value="open">待回访</option>
                <option value="overdue">回访超期</option>
                <option value="answered">已回访</option>
              </select>
            </div>
            <div class="field auto">
              <button type="submit" class="secondary">
                筛选
              </button>
            </div>
          </form>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">评价时间</th>
                  <th scope="col">事项/排队号</th>
                  <th scope="col">办理机构</th>
                  <th scope="col">窗口人员</th>
                  <th scope="col">评价</th>
                  <th scope="col">意见建议</th>
                  <th scope="col">回访</th>
                </tr>
              </thead>
              <tbody id={SUPERVISION_PAGE.svRatings} />
            </table>
          </div>
        </section>

        {district ? (
          <section class="card" aria-labelledby={SUPERVISION_PAGE.refusalsTitle}>
            <h2 id={SUPERVISION_PAGE.refusalsTitle}>同步拒收</h2>
            <p class="muted">
              区级平台拒收的各节点同步写入（越权、伪造或超出限度的文档），按节点统计；每一条都记入平台的审计日志。
              <span id={SUPERVISION_PAGE.svRefusalsAsOf} />
            </p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">节点</th>
                    <th scope="col" class="num">
                      近24小时
                    </th>
                    <th scope="col" class="num">
                      累计
                    </th>
                    <th scope="col">最近拒收</th>
                    <th scope="col">最近原因</th>
                  </tr>
                </thead>
                <tbody id={SUPERVISION_PAGE.svRefusals} />
              </table>
            </div>
          </section>
        ) : null}

        <section class="card" aria-labelledby={SUPERVISION_PAGE.settingsTitle}>
          <h2 id={SUPERVISION_PAGE.settingsTitle}>考评设置</h2>
          <p id={SUPERVISION_PAGE.svSettingsBy} class="muted" />
          <form
            id={SUPERVISION_PAGE.svSettings}
            class="form-row"
            aria-label="考评设置"
            data-district={district ? '1' : '0'}
          >
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setRatingDays}>评价期限（天）</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setRatingDays} name="ratingDays" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setFollowupDays}>回访时限（工作日）</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setFollowupDays} name="followUpWorkingDays" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setQueueTarget}>等候目标（分钟）</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setQueueTarget} name="queueTargetMinutes" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setWInstant}>权重：即办率</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setWInstant} name="instant" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setWOntime}>权重：按时办结</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setWOntime} name="onTime" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setWSatisfaction}>权重：满意率</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setWSatisfaction} name="satisfaction" />
            </div>
            <div class="field xnarrow">
              <label for={SUPERVISION_PAGE.setWQueue}>权重：排队等候</label>
              <input type="text" inputmode="numeric" id={SUPERVISION_PAGE.setWQueue} name="queue" />
            </div>
            {district ? (
              <div class="field auto">
                <button type="submit">发布设置</button>
              </div>
            ) : null}
          </form>
          <div id={SUPERVISION_PAGE.svSettingsMsg} hidden />
        </section>
      </div>
    </Layout>
  );
}
