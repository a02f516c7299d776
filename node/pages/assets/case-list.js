// 办件管理: the node's cases with filters, traffic lights and paging.
import { L, byId, errorText, fill, fmtDateTime, h, lightBadge, say, statusBadge } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const PAGE = 20;
let offset = 0;

function filter() {
  const params = new URLSearchParams();
  for (const name of ['status', 'light', 'matter']) {
    const value = byId(`f-${name}`).value;
    if (value) params.set(name, value);
  }
  return params;
}

async function counters() {
  const count = async (query) => (await clerkApi(`/api/cases?${query}&limit=1`)).body?.total ?? 0;
  const [open, yellow, red] = await Promise.all([count('status=processing'), count('light=yellow'), count('light=red')]);
  const tile = (label, n, light) => h('div', { class: 'tile' }, h('strong', {}, light ? lightBadge(light) : label), h('span', { class: 'stat' }, String(n), h('small', {}, ' 件')));
  fill(byId('counters'), tile('办理中', open), tile(L.light.yellow, yellow, 'yellow'), tile(L.light.red, red, 'red'));
}

async function list() {
  const params = filter();
  params.set('offset', String(offset));
  params.set('limit', String(PAGE));
  const answer = await clerkApi(`/api/cases?${params}`);
  if (!answer.ok) return say(byId('cases-msg'), errorText(answer));
  say(byId('cases-msg'), '');
  const { items, total } = answer.body;
  fill(
    byId('cases-body'),
    items.length
      ? items.map((c) =>
          h(
            'tr',
            {},
            h('td', {}, lightBadge(c.light)),
            h('td', {}, h('a', { href: `/window/cases/${encodeURIComponent(c.id)}` }, c.queryCode)),
            h('td', {}, c.matterName, c.outstanding.length ? h('span', { class: 'tag tag-secondary' }, `待补 ${c.outstanding.length} 件`) : null),
            h('td', {}, c.applicant.name),
            h('td', { class: 'hide-narrow' }, c.scopeName),
            h('td', {}, fmtDateTime(c.acceptedAt)),
            h('td', {}, fmtDateTime(c.promisedBy)),
            h('td', {}, statusBadge(c.status)),
          ),
        )
      : h('tr', {}, h('td', { colspan: '8', class: 'muted' }, '没有符合条件的办件。')),
  );
  byId('page-info').textContent = total ? `第 ${offset + 1}–${Math.min(offset + PAGE, total)} 件，共 ${total} 件` : '';
  byId('page-prev').disabled = offset === 0;
  byId('page-next').disabled = offset + PAGE >= total;
}

async function matters() {
  const answer = await clerkApi('/api/catalogue');
  const select = byId('f-matter');
  for (const m of answer.body?.items ?? []) select.append(h('option', { value: m.code }, m.name));
}

byId('case-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  offset = 0;
  void list();
});
byId('page-prev').addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE);
  void list();
});
byId('page-next').addEventListener('click', () => {
  offset += PAGE;
  void list();
});

let loaded = false;
requireClerk(() => {
  if (!loaded) void matters();
  loaded = true;
  void counters();
  void list();
});
