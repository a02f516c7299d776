// 办件管理: the node's cases with filters, traffic lights and paging.
import { CASE_LIST_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import { lightBadge, statusBadge } from './badges.js';
import type { MatterSummary } from './case-parts.js';
import type { CasePage } from './case-view.js';
import { clerkApi, holdsCaseRight, requireClerkWhere } from './clerk-session.js';
import { L } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';

const PAGE = 20;
let offset = 0;

function filter(): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, id] of [
    ['status', P.fStatus],
    ['light', P.fLight],
    ['matter', P.fMatter],
  ] as const) {
    const value = byId(id).value;
    if (value) params.set(name, value);
  }
  const q = byId(P.fQ).value.trim();
  if (q) params.set('q', q);
  return params;
}

async function counters(): Promise<void> {
  const count = async (query: string) => {
    const answer = await clerkApi<CasePage>(`/api/cases?${query}&limit=1`);
    return answer.ok ? answer.body.total : 0;
  };
  const [review, open, yellow, red] = await Promise.all([
    count('status=pre-review'),
    count('status=processing'),
    count('light=yellow'),
    count('light=red'),
  ]);
  const tile = (label: string, n: number, light?: 'yellow' | 'red') =>
    h(
      'div',
      { class: 'tile' },
      h('strong', {}, light ? lightBadge(light) : label),
      h('span', { class: 'stat' }, String(n), h('small', {}, ' 件')),
    );
  fill(
    byId(P.counters),
    tile('网上申请待预审', review),
    tile('办理中', open),
    tile(L.light.yellow, yellow, 'yellow'),
    tile(L.light.red, red, 'red'),
  );
}

async function list(): Promise<void> {
  const params = filter();
  params.set('offset', String(offset));
  params.set('limit', String(PAGE));
  const answer = await clerkApi<CasePage>(`/api/cases?${params}`);
  if (!answer.ok) return say(byId(P.casesMsg), errorText(answer));
  say(byId(P.casesMsg), '');
  const { items, total } = answer.body;
  fill(
    byId(P.casesBody),
    items.length
      ? items.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, lightBadge(c.light, c.pausedDays)),
            h(
              'td',
              {},
              h('a', { href: `/window/cases/${encodeURIComponent(c.id)}` }, c.queryCode),
              c.channel === 'online' ? h('span', { class: 'tag tag-online', title: '网上申请' }, '网办') : null,
            ),
            h(
              'td',
              {},
              c.matterName,
              c.outstanding.length
                ? h('span', { class: 'tag tag-secondary' }, `待补 ${c.outstanding.length} 件`)
                : null,
            ),
            h('td', {}, c.applicant.name),
            h('td', { class: 'hide-narrow' }, c.scopeName),
            h('td', {}, c.acceptedAt ? fmtDateTime(c.acceptedAt) : `申请于 ${fmtDateTime(c.appliedAt)}`),
            h('td', {}, fmtDateTime(c.promisedBy)),
            h('td', {}, statusBadge(c.status)),
          ),
        )
      : h('tr', {}, h('td', { colspan: '8', class: 'muted' }, '没有符合条件的办件。')),
  );
  byId(P.pageInfo).textContent = total ? `第 ${offset + 1}–${Math.min(offset + PAGE, total)} 件，共 ${total} 件` : '';
  byId(P.pagePrev).disabled = offset === 0;
  byId(P.pageNext).disabled = offset + PAGE >= total;
}

async function matters(): Promise<void> {
  const answer = await clerkApi<{ items: MatterSummary[] }>('/api/catalogue');
  const select = byId(P.fMatter);
  for (const m of answer.ok ? answer.body.items : []) select.append(h('option', { value: m.code }, m.name));
}

byId(P.caseFilter).addEventListener('submit', (e) => {
  e.preventDefault();
  offset = 0;
  void list();
});
byId(P.pagePrev).addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE);
  void list();
});
byId(P.pageNext).addEventListener('click', () => {
  offset += PAGE;
  void list();
});

let loaded = false;
// Casework's staff and the supervision office read cases; an admin's account does none.
requireClerkWhere(
  (rights) => holdsCaseRight(rights) || rights.has('supervision.view'),
  '办件管理供窗口人员、后台审批人员、负责人和效能监察人员使用，您的账号不办理办件。',
  () => {
    if (!loaded) void matters();
    loaded = true;
    void counters();
    void list();
  },
);
