// 居民服务: sign up, log in once, my cases, and the guides with online application.
import { api, byId, errorText, fill, fmtDateTime, h, lightBadge, say, statusBadge } from './common.js';
import { residentApi, residentLogin, residentLogout, residentSession } from './resident-session.js';

const authMsg = byId('auth-msg');

function selectTab(which) {
  for (const name of ['login', 'signup']) {
    const on = name === which;
    byId(`tab-${name}`).setAttribute('aria-selected', String(on));
    byId(`tab-${name}`).tabIndex = on ? 0 : -1;
    byId(`panel-${name}`).hidden = !on;
  }
  say(authMsg, '');
}

function showAuth() {
  byId('resident-home').hidden = true;
  byId('resident-auth').hidden = false;
}

async function showHome() {
  const session = residentSession();
  if (!session) return showAuth();
  const next = new URLSearchParams(location.search).get('next');
  if (next && /^\/portal\/[\w/%.-]+$/.test(next)) return location.assign(next);
  byId('resident-auth').hidden = true;
  byId('resident-home').hidden = false;
  byId('hello').textContent = `${session.account.name}，您好`;
  byId('hello-detail').textContent = '您在本区任一服务大厅或网上申请的办件都会显示在这里。';
  await Promise.all([loadCases(), search('')]);
}

async function loadCases() {
  const answer = await residentApi('/api/my/cases');
  if (answer.status === 401) return showAuth();
  if (!answer.ok) return say(byId('my-cases-msg'), errorText(answer));
  say(byId('my-cases-msg'), '');
  const items = answer.body.items;
  fill(
    byId('my-cases'),
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

async function search(q) {
  const answer = await api(`/api/catalogue?${new URLSearchParams(q ? { q } : { online: 'true' })}`);
  if (!answer.ok) return;
  fill(
    byId('portal-results'),
    // Before a search, a few of the matters that can be applied for online; a search shows more.
    answer.body.items.slice(0, q ? 30 : 6).map((m) =>
      h(
        'li',
        {},
        h('a', { class: 'result-name', href: `/guide/${encodeURIComponent(m.code)}?from=portal` }, m.name),
        m.online ? h('a', { class: 'button', href: `/portal/apply/${encodeURIComponent(m.code)}` }, '网上申请') : h('span', { class: 'muted' }, '需到大厅办理'),
      ),
    ),
    answer.body.items.length ? null : h('li', { class: 'muted' }, '没有找到相关事项。'),
    q ? null : h('li', { class: 'muted' }, `共 ${answer.body.items.length} 个事项可网上申请，请输入关键词搜索。`),
  );
}

byId('tab-login').addEventListener('click', () => selectTab('login'));
byId('tab-signup').addEventListener('click', () => selectTab('signup'));
for (const tab of ['tab-login', 'tab-signup']) {
  byId(tab).addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const other = tab === 'tab-login' ? 'signup' : 'login';
    selectTab(other);
    byId(`tab-${other}`).focus();
  });
}

byId('panel-login').addEventListener('submit', async (e) => {
  e.preventDefault();
  const login = byId('login-id').value.trim();
  const password = byId('login-password').value;
  if (!login || !password) return say(authMsg, '请输入手机号或身份证号和密码');
  const answer = await residentLogin(login, password);
  if (!answer.ok) return say(authMsg, errorText(answer));
  byId('login-password').value = '';
  await showHome();
});

byId('panel-signup').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = {
    name: byId('su-name').value.trim(),
    idNumber: byId('su-id').value.trim().toUpperCase(),
    phone: byId('su-phone').value.trim(),
    password: byId('su-password').value,
  };
  if (!body.name || !body.idNumber || !body.phone || !body.password) return say(authMsg, '请填写全部信息');
  const created = await api('/identity/residents', { method: 'POST', body });
  if (!created.ok) return say(authMsg, errorText(created));
  const answer = await residentLogin(body.phone, body.password);
  if (!answer.ok) return say(authMsg, errorText(answer));
  byId('su-password').value = '';
  await showHome();
});

byId('resident-logout').addEventListener('click', async () => {
  await residentLogout();
  showAuth();
  selectTab('login');
  say(authMsg, '已退出登录。', 'info');
});

byId('portal-search').addEventListener('submit', (e) => {
  e.preventDefault();
  void search(byId('portal-q').value.trim());
});

void showHome();
