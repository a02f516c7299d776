import { HallnetError, staff } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';

/** Working days before its deadline from which a check counts as due (临近核查期限). */
export const CHECK_DUE_DAYS = 3;

/**
 * 告知承诺 核查: the cases the caller's own office holds whose commitments wait for their check,
 * the overdue and nearest deadlines first. The check itself is recorded as an event on the case
 * (POST /api/cases/:id/events, kind `commitment-checked`), which the office holding the case writes.
 */
export function registerCommitmentRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/commitments',
      tag: 'cases',
      summary:
        "告知承诺 核查: commitments of cases the caller's office holds still to be checked, overdue and nearest first",
      access: staff('clerk', 'back-office', 'director'),
    },
    (c, { principal }) => {
      if (principal?.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const office = principal.org;
      const now = s.clock();
      const items = [];
      for (const st of s.index.values()) {
        if (st.holder !== office || !st.commitments.length || st.commitmentCheck) continue;
        if (st.status !== 'processing' && st.status !== 'completed') continue;
        const matter = s.reference.catalogue.ofCase(st);
        const left = st.checkBy ? s.reference.calendar.workingDaysBetween(now, new Date(st.checkBy)) : undefined;
        items.push({
          id: st.id,
          queryCode: st.queryCode,
          matterName: st.matterName,
          applicantName: st.applicant.name,
          status: st.status,
          licences: st.licences.map((l) => l.number),
          commitments: st.commitments.map((m) => ({
            id: m.materialId,
            name: matter?.materials.find((x) => x.id === m.materialId)?.name ?? m.materialId,
            signedBy: m.signedBy,
            signedAt: m.signedAt,
          })),
          checkBy: st.checkBy,
          due:
            st.checkBy === undefined
              ? 'open'
              : Date.parse(st.checkBy) < now.getTime()
                ? 'overdue'
                : left !== undefined && left <= CHECK_DUE_DAYS
                  ? 'due'
                  : 'later',
        });
      }
      const order = (x: { checkBy: string | undefined }) => x.checkBy ?? '9999';
      items.sort((a, b) => order(a).localeCompare(order(b)));
      c.header('Cache-Control', 'no-store');
      return c.json({ office, dueWithinDays: CHECK_DUE_DAYS, items });
    },
  );
}
