import { isClosed } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import { staff } from '../../../sync/index.js';
import type { NodeRoutes } from '../env.js';

/**
 * 后台分类审批: what waits for this organisation — cases forwarded or returned to it, and, for a
 * department, its own pending tasks of parallel stages (never the other departments' tasks).
 */
export function registerInboxRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    { method: 'get', path: '/api/inbox', tag: 'cases', summary: 'Cases held here and this department’s own pending stage tasks', access: staff('clerk', 'back-office', 'director') },
    (c) => {
      const now = s.clock();
      const held = [];
      const tasks = [];
      for (const st of s.index.values()) {
        if (isClosed(st.status)) continue;
        if (st.holder === s.org) held.push({ id: st.id, queryCode: st.queryCode, matterName: st.matterName, from: st.forwards.at(-1)?.from ?? st.scope, note: st.forwards.at(-1)?.note, waitingForApplicant: st.waitingForApplicant, promisedBy: st.promisedBy, light: s.index.lightOf(st, now) });
        for (const stage of st.stages) {
          const mine = stage.tasks.find((t) => t.department === s.org && t.status === 'pending');
          if (mine) tasks.push({ id: st.id, queryCode: st.queryCode, matterName: st.matterName, stage: stage.stage, stageName: stage.name, startedAt: stage.startedAt, promisedBy: st.promisedBy, light: s.index.lightOf(st, now) });
        }
      }
      return c.json({ held, tasks });
    },
  );
}
