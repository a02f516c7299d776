// 同步拒收: the writes the district hub refused, per hall (the hub reports them to the district
// center only; supervision.view).
import type { RefusalReportView } from '../../supervision/refusal-report.js';
import { SUPERVISION_PAGE as P } from '../ids/supervision-ids.js';
import { clerkApi } from './clerk-session.js';
import { byId, fill, h } from './dom.js';
import { hideSection } from './supervision-watch.js';
import { fmtDateTime } from './formats.js';
import { refusalText } from '../refusal-text.js';

/** Shows each hall's refused writes: the last 24 hours, the total, when, and the last reasons. */
export async function loadRefusals(): Promise<void> {
  const answer = await clerkApi<RefusalReportView>('/api/supervision/refusals');
  if (answer.status === 403) return hideSection(P.refusalsTitle);
  if (!answer.ok) return;
  const { asOf, nodes } = answer.body;
  byId(P.svRefusalsAsOf).textContent = asOf ? `统计截至 ${fmtDateTime(asOf)}。` : '尚未收到平台的统计。';
  fill(
    byId(P.svRefusals),
    nodes.length
      ? nodes.map((n) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, n.name),
            h('td', { class: 'num' }, String(n.lastDay)),
            h('td', { class: 'num' }, String(n.total)),
            h('td', {}, fmtDateTime(n.lastAt)),
            h(
              'td',
              {},
              ...n.recent
                .slice(0, 3)
                .map((r) =>
                  h(
                    'div',
                    { title: r.reason },
                    refusalText(r.id, r.reason),
                    h('small', { class: 'muted' }, ` ${r.id}`),
                  ),
                ),
            ),
          ),
        )
      : h('tr', {}, h('td', { colspan: '5', class: 'muted' }, '没有被拒收的写入。')),
  );
}
