import { HallnetError, isClosed, staff } from '../../../sync/index.js';
import { nextStage } from '../../../sync/stage-rules.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';

/**
 * 后台分类审批: what waits for the calling member of staff's office (his own organisation: a
 * department's desk at the district center sees its department's work, not the center's) — cases
 * another office forwarded to it or sent back to it for materials, staged cases it holds whose next
 * stage it may start (the coordination desk's 全程代办), and a department's own pending stage tasks
 * (never the other departments' tasks). Cases the office accepted itself and still holds are in its
 * case list, not here.
 */
export function registerInboxRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/inbox',
      tag: 'cases',
      summary:
        "Cases forwarded or returned to the caller's office, staged cases it may move on, and its department's own pending stage tasks",
      access: staff('clerk', 'back-office', 'director'),
    },
    (c, { principal }) => {
      if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const office = principal.org;
      const now = s.clock();
      const held = [];
      const coordinate = [];
      const tasks = [];
      for (const st of s.index.values()) {
        if (isClosed(st.status)) continue;
        const light = s.index.lightOf(st, now);
        if (st.holder === office && (st.scope !== office || st.waitingForApplicant)) {
          const last = st.forwards.at(-1);
          held.push({
            id: st.id,
            queryCode: st.queryCode,
            matterName: st.matterName,
            from: st.waitingForApplicant?.by ?? last?.from ?? st.scope,
            note: st.waitingForApplicant?.note ?? last?.note,
            waitingForApplicant: st.waitingForApplicant,
            promisedBy: st.promisedBy,
            light,
          });
        }
        const stage =
          st.holder === office && !st.waitingForApplicant ? nextStage(st, s.reference.catalogue.ofCase(st)) : undefined;
        if (stage !== undefined)
          coordinate.push({
            id: st.id,
            queryCode: st.queryCode,
            matterName: st.matterName,
            stage,
            stageName: s.reference.catalogue.ofCase(st)?.stages?.[stage]?.name ?? '',
            promisedBy: st.promisedBy,
            light,
          });
        for (const stage of st.stages) {
          const mine = stage.tasks.find((t) => t.department === office && t.status === 'pending');
          if (mine)
            tasks.push({
              id: st.id,
              queryCode: st.queryCode,
              matterName: st.matterName,
              stage: stage.stage,
              stageName: stage.name,
              startedAt: stage.startedAt,
              promisedBy: st.promisedBy,
              light,
            });
        }
      }
      return c.json({ office, held, coordinate, tasks });
    },
  );
}
