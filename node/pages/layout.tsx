import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { BrowserScript } from './browser-scripts.js';
import { isDistrictCenter } from '../../sync/index.js';
import { FLOOR_PATHS, hasHallFloor } from './hall-floor.js';
import { LABELS } from './labels.js';
import { OfflineBanner } from './offline-banner.js';
import type { PageData } from './page-config.js';
import { PageHead } from './page-head.js';
import type { PageContext } from './page-context.js';
import { LAYOUT } from './ids/shared-ids.js';

/** Which entry of the navigation is the current page. */
export type NavKey =
  | 'home'
  | 'guide'
  | 'catalogue'
  | 'window'
  | 'cases'
  | 'track'
  | 'portal'
  | 'status'
  | 'queue'
  | 'office'
  | 'supervision'
  | 'staff'
  | 'certificates';

const DESK_NAV: readonly [NavKey, string, string][] = [
  ['home', '/', '首页'],
  ['guide', '/guide', '办事指南'],
  ['catalogue', '/catalogue/edit', '事项管理'],
  ['window', '/window', '综合受理'],
  ['cases', '/window/cases', '办件管理'],
  ['queue', '/window/queue', '叫号'],
  ['office', '/office', '后台审批'],
  ['track', '/track', '办件查询'],
  ['supervision', '/supervision', '督查考评'],
  ['staff', '/staff', '人员管理'],
  ['certificates', '/certificates', '证书管理'],
  ['portal', '/portal', '居民服务'],
  ['status', '/status', '节点状态'],
];

/** The pages anyone may open: on them the staff entries wait for a clerk signed in in the tab (browser/staff-nav.ts). */
const PUBLIC_PAGES: readonly (NavKey | undefined)[] = ['guide', 'track'];
const PUBLIC_ENTRIES: readonly NavKey[] = ['home', 'guide', 'track', 'portal'];

const PHONE_NAV: readonly [NavKey, string, string][] = [
  ['portal', '/portal', '我的'],
  ['guide', '/guide?from=portal', '办事指南'],
  ['track', '/track?from=portal', '办件查询'],
];

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  /** The navigation entry to mark as the current page; none for a page that is no entry (未找到). */
  nav?: NavKey;
  /** `phone` for the resident portal: one narrow column, large touch targets. */
  variant?: 'desk' | 'phone';
  /** Extra stylesheets from /pages/assets, by file name, after app.css. */
  styles?: string[];
  /** The page's module scripts (node/pages/browser), in the order they run. */
  scripts?: BrowserScript[];
  /** Extra data for the page's scripts, merged into the config block. */
  data?: PageData;
  children?: Child;
}

/** The page shell every page shares: header, navigation, the offline banner, main, footer. */
export function Layout(props: LayoutProps) {
  const { ctx, title, nav, variant = 'desk' } = props;
  const publicPage = variant === 'desk' && PUBLIC_PAGES.includes(nav);
  const items =
    variant === 'phone'
      ? PHONE_NAV
      : DESK_NAV.filter(
          ([key, href]) =>
            (hasHallFloor(ctx.kind) || !FLOOR_PATHS.includes(href)) &&
            // The catalogue and the node certificates are managed at the district center alone (一口管理): no other hall offers them.
            ((key !== 'catalogue' && key !== 'certificates') || isDistrictCenter(ctx.org)),
        );
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="zh-CN">
        <PageHead
          ctx={ctx}
          title={title}
          viewport="width=device-width, initial-scale=1"
          styles={props.styles ?? []}
          scripts={[...(publicPage ? (['staff-nav'] as const) : []), ...(props.scripts ?? [])]}
          data={props.data}
        />
        <body class={`layout-${variant}`}>
          <a class="skip-link" href={`#${LAYOUT.main}`}>
            跳到正文
          </a>
          <header class="site-header">
            <div class="site-header-inner">
              <a class="brand" href={variant === 'phone' ? '/portal' : '/'}>
                <span class="brand-mark" aria-hidden="true">
                  政
                </span>
                <span class="brand-text">
                  <span class="brand-title">{ctx.brand}</span>
                  <span class="brand-node">{ctx.orgName}</span>
                </span>
              </a>
              <nav class="site-nav" aria-label="主导航">
                <ul>
                  {items.map(([key, href, label]) => (
                    <li
                      {...(publicPage && !PUBLIC_ENTRIES.includes(key) ? { hidden: true, 'data-staff-only': '' } : {})}
                    >
                      <a href={href} aria-current={key === nav ? 'page' : undefined}>
                        {label}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            </div>
          </header>
          <OfflineBanner link={ctx.link} />
          <main id={LAYOUT.main} class="site-main" tabindex={-1}>
            <h1 class="page-title">{title}</h1>
            {props.children}
          </main>
          <footer class="site-footer">
            <p>
              {`${ctx.orgName} · ${LABELS.level[ctx.level]}${hasHallFloor(ctx.kind) ? '' : '部门'}节点`} ·
              断网时本站业务照常办理，恢复连接后自动同步
            </p>
          </footer>
        </body>
      </html>
    </>
  );
}
