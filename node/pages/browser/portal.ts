// 居民服务: sign up, log in once, my cases, booking at this hall, and the guides with online application.
import { PORTAL_PAGE as P } from '../ids/portal-ids.js';
import { api, errorText } from './api.js';
import { lightBadge, statusBadge } from './badges.js';
import type { MatterSummary } from './case-parts.js';
import type { CaseView } from './case-view.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';
import { showBooking } from './portal-booking.js';
import { residentApi, residentLogin, residentLogout, residentSession } from './resident-session.js';

const authMsg = byId(P.authMsg);
const TABS = {
  login: { tab: P.tabLogin, panel: P.panelLogin },
  signup: { tab: P.tabSignup, panel: P.panelSignup },
} as const;
type Tab = keyof typeof TABS;

function selectTab(which: Tab): void {
  for (const [name, { tab, panel }] of Object.entries(TABS)) {
    const on = name === which;
    byId(tab).setAttribute('aria-selected', String(on));
    byId(tab).tabIndex = on ? 0 : -1;
    byId(panel).hidden = !on;
  }
  say(authMsg, '');
}

function showAuth(): void {
  byId(P.residentHome).hidden = true;
  byId(P.residentAuth).hidden = false;
}

async function showHome(): Promise<void> {
  const session = residentSession();
  if (!session) return showAuth();
  const next = new URLSearchParams(location.search).get('next');
  if (next && /^\/portal\/[\w/%.-]+$/.test(next)) return location.assign(next);
  byId(P.residentAuth).hidden = true;
  byId(P.residentHome).hidden = false;
  byId(P.hello).textContent = `${session.account.name}，您好`;
  byId(P.helloDetail).textContent = '您在本区任一服务大厅或网上申请的办件都会显示在这里。';
  await Promise.all([loadCases(), showBooking(), search('')]);
}

async function loadCases(): Promise<void> {
  const answer = await residentApi<{ items: CaseView[] }>('/api/my/cases');
  if (answer.status === 401) return showAuth();
  if (!answer.ok) return say(byId(P.myCasesMsg), errorText(answer));
  say(byId(P.myCasesMsg), '');
  const items = answer.body.items;
  fill(
    byId(P.myCases),
    items.length
      ? items.map((c) =>
          h(
            'a',
            { class: 'case-card', href: `/portal/cases/${encodeURIComponent(c.id)}` },
            h('strong', {}, c.matterName),
            h('span', { class: 'row' }, statusBadge(c.status), c.light ? lightBadge(c.light) : null),
            h('span', { class: 'row muted' }, h('span', {}, `查询码 ${c.queryCode}`), h('span', {}, fmtDateTime(c.acceptedAt))),
            c.outstanding.length ? h('span', { class: 'row' }, h('span', { class: 'tag tag-secondary' }, `待补材料 ${c.outstanding.length} 件`)) : null,
          ),
        )
      : h('p', { class: 'muted' }, '暂无办件。'),
  );
}

async function search(q: string): Promise<void> {
  const answer = await api<{ items: MatterSummary[] }>(`/api/catalogue?${new URLSearchParams(q ? { q } : { online: 'true' })}`);
  if (!answer.ok) return;
  const items = answer.body.items;
  fill(
    byId(P.portalResults),
    // Before a search, a few of the matters that can be applied for online; a search shows more.
    items.slice(0, q ? 30 : 6).map((m) =>
      h(
        'li',
        {},
        h('a', { class: 'result-name', href: `/guide/${encodeURIComponent(m.code)}?from=portal` }, m.name),
        m.online ? h('a', { class: 'button', href: `/portal/apply/${encodeURIComponent(m.code)}` }, '网上申请') : h('span', { class: 'muted' }, '需到大厅办理'),
      ),
    ),
    items.length ? null : h('li', { class: 'muted' }, '没有找到相关事项。'),
    q ? null : h('li', { class: 'muted' }, `共 ${items.length} 个事项可网上申请，请输入关键词搜索。`),
  );
}

for (const [name, { tab }] of Object.entries(TABS) as [Tab, (typeof TABS)[Tab]][]) {
  byId(tab).addEventListener('click', () => selectTab(name));
  byId(tab).addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const other: Tab = name === 'login' ? 'signup' : 'login';
    selectTab(other);
    byId(TABS[other].tab).focus();
  });
}

byId(P.panelLogin).addEventListener('submit', async (e) => {
  e.preventDefault();
  const login = byId(P.loginId).value.trim();
  const password = byId(P.loginPassword).value;
  if (!login || !password) return say(authMsg, '请输入手机号或身份证号和密码');
  const answer = await residentLogin(login, password);
  if (!answer.ok) return say(authMsg, errorText(answer));
  byId(P.loginPassword).value = '';
  await showHome();
});

byId(P.panelSignup).addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {
    name: byId(P.suName).value.trim(),
    idNumber: byId(P.suId).value.trim().toUpperCase(),
    phone: byId(P.suPhone).value.trim(),
    password: byId(P.suPassword).value,
  };
  if (!body.name || !body.idNumber || !body.phone || !body.password) return say(authMsg, '请填写全部信息');
  const created = await api('/identity/residents', { method: 'POST', body });
  if (!created.ok) return say(authMsg, errorText(created));
  const answer = await residentLogin(body.phone, body.password);
  if (!answer.ok) return say(authMsg, errorText(answer));
  byId(P.suPassword).value = '';
  await showHome();
});

byId(P.residentLogout).addEventListener('click', async () => {
  await residentLogout();
  showAuth();
  selectTab('login');
  say(authMsg, '已退出登录。', 'info');
});

byId(P.portalSearch).addEventListener('submit', (e) => {
  e.preventDefault();
  void search(byId(P.portalQ).value.trim());
});

void showHome();
