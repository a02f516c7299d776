import { isDistrictCenter } from '../../sync/index.js';
import { FLOOR_PATHS, hasHallFloor } from './hall-floor.js';
import { Layout } from './layout.js';
import { LABELS } from './labels.js';
import type { PageContext } from './page-context.js';

const TILES: readonly [href: string, title: string, text: string][] = [
  ['/guide', '办事指南', '查询事项的申请材料、受理条件、办理时限和收费'],
  ['/window', '综合受理', '窗口人员：选择事项、核对材料、受理并打印受理通知书'],
  ['/window/cases', '办件管理', '窗口人员：本站办件、红绿灯、补正材料、办结与退件'],
  ['/window/queue', '叫号面板', '窗口人员：开启窗口、叫号、过号、转窗、暂挂；负责人设置窗口'],
  ['/office', '后台审批', '后台与部门：转来的办件、本部门并联审批任务、退回补正、延期、办结'],
  ['/queue/kiosk', '取号机', '大厅自助取号：15 大类一号通办，优先与预约签到'],
  ['/queue/screen', '叫号屏', '大厅滚动大屏：无声叫号，实时显示'],
  ['/track', '办件查询', '凭查询码查询办理进度，无需登录'],
  ['/portal', '居民服务', '注册登录、网上申请、查看我的办件（适合手机）'],
  ['/status', '节点状态', '与区级平台的同步、待上传与被拒文档、节点证书'],
];

/** The admin's pages: shown once an admin is signed in in the tab (browser/staff-nav.ts); `center` ones at the district centre alone. */
const ADMIN_TILES: readonly [href: string, title: string, text: string, center: boolean][] = [
  ['/staff', '人员管理', '管理员：开通、停用、调动账号，调整角色，重置密码', false],
  ['/catalogue/edit', '事项管理', '区管理员：起草、审核、发布事项（一口管理、一口发布）', true],
  ['/supervision', '督查考评', '红绿灯、超期与评价统计，督查设置', false],
  ['/certificates', '证书管理', '区管理员：查看本区节点证书，私钥丢失或被盗时吊销', true],
];

/** `/`: what this node is and where each of its pages is. */
export function HomePage({ ctx, matters, cases }: { ctx: PageContext; matters: number; cases: number }) {
  return (
    <Layout ctx={ctx} title={ctx.orgName} nav="home" scripts={['staff-nav']}>
      <p class="lead">
        {hasHallFloor(ctx.kind) ? LABELS.levelHall[ctx.level] : '部门后台'}节点 · 本站共 {matters} 个事项 · 存有 {cases}{' '}
        件办件
      </p>
      <div class="grid-tiles">
        {TILES.filter(([href]) => hasHallFloor(ctx.kind) || !FLOOR_PATHS.includes(href)).map(([href, title, text]) => (
          <a class="tile" href={href}>
            <strong>{title}</strong>
            <span>{text}</span>
          </a>
        ))}
        {ADMIN_TILES.filter(([, , , center]) => !center || isDistrictCenter(ctx.org)).map(([href, title, text]) => (
          <a class="tile" href={href} hidden data-admin-only>
            <strong>{title}</strong>
            <span>{text}</span>
          </a>
        ))}
      </div>
    </Layout>
  );
}
