import type { PageContext } from './page-context.js';
import { NO_FLOOR_NOTE } from './ids/shared-ids.js';

/**
 * What a floor page (综合受理, 叫号) says instead at a department's back office, opened by its
 * address: this node keeps no hall floor, and where its work is.
 */
export function NoFloorNote({ ctx }: { ctx: PageContext }) {
  return (
    <p id={NO_FLOOR_NOTE.noFloorNote} class="message message-info">
      {ctx.orgName}是部门后台，不设受理窗口，也不叫号：办件由各大厅受理后转来，请到<a href="/office">后台审批</a>
      办理；本站的办件见<a href="/window/cases">办件管理</a>。
    </p>
  );
}
