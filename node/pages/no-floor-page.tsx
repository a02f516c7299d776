import { FloorLayout } from './floor-layout.js';
import { NO_FLOOR_NOTE } from './ids/shared-ids.js';
import type { PageContext } from './page-context.js';

/**
 * The ticket machine's or calling screen's address at a department's back office: it keeps no
 * hall floor, so it hands out no number nobody would call, and says where residents take one.
 */
export function NoFloorPage({ ctx, variant }: { ctx: PageContext; variant: 'kiosk' | 'screen' }) {
  return (
    <FloorLayout ctx={ctx} title={variant === 'kiosk' ? '自助取号' : '叫号屏'} variant={variant} scripts={[]}>
      <p id={NO_FLOOR_NOTE.noFloorNote} class="message message-info">
        {ctx.orgName}是部门后台，不设取号和叫号。请到各政务服务大厅（区政务服务中心、街道、社区）取号办理。
      </p>
    </FloorLayout>
  );
}
