import { makeUpWorkingDays, type Matter } from '../../sync/index.js';
import { isCityMatter } from '../domain/is-city-matter.js';
import { formatYuan } from './format.js';
import { hasHallFloor } from './hall-floor.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';
import { GUIDE_PAGE } from './ids/desk-ids.js';

export interface GuidePageProps {
  ctx: PageContext;
  matter: Matter;
  departmentName: string;
  categoryName: string | undefined;
  portal: boolean;
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** 告知承诺: which materials the applicant may replace by his signed commitment, and when it is checked. */
function commitmentNote(m: Matter): string {
  const names = m.materials.filter((mat) => mat.commitment).map((mat) => mat.name);
  if (!names.length) return '不适用';
  const check = m.commitmentCheckDays
    ? `，受理后 ${m.commitmentCheckDays} 个工作日内核查；承诺不实的，撤销办理结果`
    : '，承诺不实的，撤销办理结果';
  return `可以：${names.join('、')} 可由申请人签署告知承诺书代替${check}`;
}

/** `/guide/:code`: one matter's full service guide (办事指南), printable. */
export function GuidePage({ ctx, matter: m, departmentName, categoryName, portal }: GuidePageProps) {
  // A department's back office sits at a level its matters name, but keeps no window to accept at (as /window says).
  const floor = hasHallFloor(ctx.kind);
  const here = floor && m.levels.includes(ctx.level);
  return (
    <Layout ctx={ctx} title={m.name} nav="guide" variant={portal ? 'phone' : 'desk'}>
      <p class="lead">
        事项编码 {m.code} · {departmentName}
        {categoryName ? ` · ${categoryName}` : ''}
      </p>
      {isCityMatter(m, ctx.org) ? (
        <p class="city-matter">
          <span class="tag tag-city">全市通办</span>{' '}
          本事项列入市级目录，由市政务服务管理部门统一管理、发布，可在全市任一政务服务大厅申请，由{departmentName}
          审批。
        </p>
      ) : null}
      <div class="actions no-print">
        {here && !portal ? (
          <a class="button" href={`/window?matter=${encodeURIComponent(m.code)}`} hidden data-staff-only>
            在本窗口受理
          </a>
        ) : null}
        {m.online ? (
          <a class={portal ? 'button' : 'button secondary'} href={`/portal/apply/${encodeURIComponent(m.code)}`}>
            网上申请
          </a>
        ) : null}
        <a class="button secondary" href={portal ? '/guide?from=portal' : '/guide'}>
          返回指南列表
        </a>
      </div>

      <section class="card" aria-labelledby={GUIDE_PAGE.gBasics}>
        <h2 id={GUIDE_PAGE.gBasics}>基本信息</h2>
        <dl class="facts">
          <dt>事项编码</dt>
          <dd>{m.code}</dd>
          {m.nationalCode ? (
            <>
              <dt>实施编码</dt>
              <dd>{m.nationalCode}</dd>
            </>
          ) : null}
          <dt>指南版本</dt>
          <dd>{m.effectiveFrom ? `第 ${m.version} 版，自 ${m.effectiveFrom} 起施行` : `第 ${m.version} 版`}</dd>
          <dt>事项类型</dt>
          <dd>{LABELS.matterType[m.matterType]}</dd>
          <dt>办件类型</dt>
          <dd>{m.instant ? '即办件（材料齐全当场办结）' : '承诺件'}</dd>
          <dt>法定办结时限</dt>
          <dd>{m.legalDays === 0 ? '无' : `${m.legalDays} 个工作日`}</dd>
          <dt>承诺办结时限</dt>
          <dd>{m.promisedDays === 0 ? '当场办结' : `${m.promisedDays} 个工作日`}</dd>
          <dt>办理对象</dt>
          <dd>{m.serves.map((k) => LABELS.applicantKind[k]).join('、')}</dd>
          <dt>实施主体</dt>
          <dd>{departmentName}</dd>
          <dt>决定机构</dt>
          <dd>{LABELS.decidedBy[m.decidedBy]}</dd>
          <dt>容缺受理</dt>
          <dd>{m.allowsMakeUp ? `可以，次要材料须在 ${makeUpWorkingDays(m)} 个工作日内补齐` : '不适用'}</dd>
          <dt>告知承诺</dt>
          <dd>{commitmentNote(m)}</dd>
          <dt>网上办理</dt>
          <dd>{yesNo(m.online)}</dd>
          <dt>预约办理</dt>
          <dd>{yesNo(m.bookable)}</dd>
          <dt>快递送达</dt>
          <dd>{yesNo(m.courier)}</dd>
        </dl>
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gWhere}>
        <h2 id={GUIDE_PAGE.gWhere}>办理地点</h2>
        <ul class="plain">
          {m.levels.map((l) => (
            <li>{LABELS.levelHall[l]}</li>
          ))}
        </ul>
        <p class={here ? 'message message-ok' : 'message message-info'}>
          {here
            ? `本站（${ctx.orgName}）可以受理。`
            : `本站（${ctx.orgName}）${floor ? '不受理该事项' : '是部门后台，不设受理窗口'}，请到上述地点办理${m.online ? '或网上申请' : ''}。`}
        </p>
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gConditions}>
        <h2 id={GUIDE_PAGE.gConditions}>受理条件</h2>
        {m.conditions.length ? (
          <ol class="plain">
            {m.conditions.map((c) => (
              <li>{c}</li>
            ))}
          </ol>
        ) : (
          <p class="muted">无特别条件。</p>
        )}
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gMaterials}>
        <h2 id={GUIDE_PAGE.gMaterials}>申请材料</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">申请材料清单</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  序号
                </th>
                <th scope="col">材料名称</th>
                <th scope="col">要求</th>
                <th scope="col" class="num">
                  原件
                </th>
                <th scope="col" class="num">
                  复印件
                </th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {m.materials.map((mat, i) => (
                <tr>
                  <td class="num">{i + 1}</td>
                  <td>{mat.name}</td>
                  <td>
                    <span class={`tag tag-${mat.necessity}`}>{LABELS.necessity[mat.necessity]}</span>
                    {mat.commitment ? (
                      <>
                        {' '}
                        <span class="tag tag-commitment">可告知承诺</span>
                      </>
                    ) : null}
                  </td>
                  <td class="num">{mat.originals} 份</td>
                  <td class="num">{mat.copies} 份</td>
                  <td>
                    {[mat.source ? `来源：${mat.source}` : '', mat.form ? `表格：${mat.form}` : '', mat.note ?? '']
                      .filter(Boolean)
                      .join('；') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {m.files?.length ? (
          <>
            <h3>空白表格与示例样表下载</h3>
            <ul class="plain">
              {m.files.map((f) => (
                <li>
                  <a href={`/guide/${encodeURIComponent(m.code)}/files/${f.id}`} download>
                    {f.kind === 'blank' ? '空白表格' : '示例样表'}：{f.title}
                  </a>{' '}
                  <span class="muted">（{Math.max(1, Math.round(f.size / 1024))} KB）</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gProcedure}>
        <h2 id={GUIDE_PAGE.gProcedure}>办理流程</h2>
        <ol class="plain">
          {m.procedure.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gFees}>
        <h2 id={GUIDE_PAGE.gFees}>收费标准</h2>
        {m.fees.length ? (
          <ul class="plain">
            {m.fees.map((f) => (
              <li>
                {f.item}：{formatYuan(f.amountYuan)}
                {f.basis ? `（依据：${f.basis}）` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>不收费</p>
        )}
      </section>

      <section class="card" aria-labelledby={GUIDE_PAGE.gBasis}>
        <h2 id={GUIDE_PAGE.gBasis}>设定依据</h2>
        <ul class="plain">
          {m.legalBasis.map((b) => (
            <li>{b}</li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
