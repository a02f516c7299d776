import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { BrowserScript } from './browser-scripts.js';
import { OfflineBanner } from './offline-banner.js';
import type { PageData } from './page-config.js';
import { PageHead } from './page-head.js';
import type { PageContext } from './page-context.js';
import { FLOOR_LAYOUT, LAYOUT } from './ids/shared-ids.js';

export interface FloorLayoutProps {
  ctx: PageContext;
  title: string;
  /** `kiosk`: the touch ticket machine; `screen`: the calling screen on the hall's big TV. */
  variant: 'kiosk' | 'screen';
  /** The page's module scripts (node/pages/browser), in the order they run. */
  scripts: BrowserScript[];
  /** Extra stylesheets from /pages/assets, by file name, after floor.css. */
  styles?: string[];
  data?: PageData;
  children?: Child;
}

/**
 * The shell of the hall floor's devices: no navigation a resident could wander off through, the
 * hall's name, a clock, and the offline banner (the floor works on without the hub).
 */
export function FloorLayout(props: FloorLayoutProps) {
  const { ctx, title, variant } = props;
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="zh-CN">
        <PageHead
          ctx={ctx}
          title={title}
          viewport="width=device-width, initial-scale=1, user-scalable=no"
          styles={['floor.css', ...(props.styles ?? [])]}
          scripts={['floor-clock', ...props.scripts]}
          data={props.data}
        />
        <body class={`layout-${variant}`}>
          <header class="floor-header">
            <span class="brand-mark" aria-hidden="true">
              政
            </span>
            <span class="floor-hall">
              <span class="floor-hall-name">{ctx.orgName}</span>
              <span class="floor-title">{title}</span>
            </span>
            <time id={FLOOR_LAYOUT.floorClock} class="floor-clock" aria-label="当前时间" />
          </header>
          <OfflineBanner link={ctx.link} />
          <main id={LAYOUT.main} class="floor-main" tabindex={-1}>
            {props.children}
          </main>
        </body>
      </html>
    </>
  );
}
