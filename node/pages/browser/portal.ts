// 居民服务: sign up, log in once, my cases, booking at this hall, and the guides with online application.
import type { DistrictReach, MyCase, VerifyInPerson } from '../../district/my-cases.js';
import { PORTAL_PAGE as P } from '../ids/portal-ids.js';
import { api, errorText } from './api.js';
import { checkFields, mobile, newPassword, realName, residentId } from './account-checks.js';
import { askedLine } from './asked.js';
import { lightBadge, phaseBadge } from './badges.js';
import type { MatterSummary } from './case-parts.js';
import { L } from './config.js';
import { byId, fill, h, say } from './dom.js';
import {
  apiFieldProblems,
  clearFieldErrors,
  showFieldErrors,
  type FieldMap,
  type FieldProblem,
} from './field-errors.js';
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

/** What GET /api/my/cases answers (node/http/routes/my-cases-routes.ts). */
interface MyCases {
  verified: boolean;
  reach: DistrictReach;
  items: MyCase[];
  verifyInPerson?: VerifyInPerson;
}

/** Why the list holds only this hall's cases, if it does. */
const REACH_NOTE: Partial<Record<DistrictReach, [string, 'warn' | 'info']>> = {
  offline: [L.cutOff.portal, 'warn'],
  alone: ['本站独立运行，仅显示本站办件。', 'info'],
};

function showVerification(v: VerifyInPerson | undefined): void {
  byId(P.verifyCard).hidden = !v;
  if (!v) return;
  fill(
    byId(P.verifyHalls),
    v.halls.map((hall) => h('li', {}, h('strong', {}, hall.name), hall.address ? `（${hall.address}）` : null)),
  );
  byId(P.verifyBring).textContent = v.bring.join('、');
}

async function loadCases(): Promise<void> {
  const answer = await residentApi<MyCases>('/api/my/cases');
  if (answer.status === 401) return showAuth();
  if (!answer.ok) return say(byId(P.myCasesMsg), errorText(answer));
  say(byId(P.myCasesMsg), '');
  const { items, reach } = answer.body;
  const note = REACH_NOTE[reach];
  say(byId(P.myCasesReach), note?.[0], note?.[1]);
  showVerification(answer.body.verifyInPerson);
  // Marked as this hall's whenever the list is not the whole district's.
  const local = reach !== 'online';
  fill(
    byId(P.myCases),
    items.length
      ? items.map((c) =>
          h(
            'a',
            // An application in 预审 opens where the resident sees what was asked of him and adds it.
            {
              class: 'case-card',
              href: `/portal/${c.status === 'pre-review' ? 'applications' : 'cases'}/${encodeURIComponent(c.id)}`,
            },
            h('strong', {}, c.matterName),
            h(
              'span',
              { class: 'row' },
              h(
                'span',
                {},
                phaseBadge(c.phase),
                local && c.heldHere ? h('span', { class: 'tag tag-promise' }, '本站办件') : null,
              ),
              c.light ? lightBadge(c.light) : null,
            ),
            h('span', { class: 'row muted' }, h('span', {}, `当前办理：${c.holderName}`)),
            h(
              'span',
              { class: 'row muted' },
              h('span', {}, `查询码 ${c.queryCode}`),
              h('span', {}, fmtDateTime(c.acceptedAt ?? c.appliedAt)),
            ),
            c.asked.map((a) => h('span', { class: 'asked' }, askedLine(a))),
          ),
        )
      : h('p', { class: 'muted' }, '暂无办件。'),
  );
}

async function search(q: string): Promise<void> {
  const answer = await api<{ items: MatterSummary[] }>(
    `/api/catalogue?${new URLSearchParams(q ? { q } : { online: 'true' })}`,
  );
  if (!answer.ok) return;
  const items = answer.body.items;
  fill(
    byId(P.portalResults),
    // Before a search, a few of the matters that can be applied for online; a search shows more.
    items
      .slice(0, q ? 30 : 6)
      .map((m) =>
        h(
          'li',
          {},
          h('a', { class: 'result-name', href: `/guide/${encodeURIComponent(m.code)}?from=portal` }, m.name),
          m.online
            ? h('a', { class: 'button', href: `/portal/apply/${encodeURIComponent(m.code)}` }, '网上申请')
            : h('span', { class: 'muted' }, '需到大厅办理'),
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

const RESEND_SECONDS = 60;

/** The sign-up's fields by the API's names, for errors under each (as on /window). */
const SIGN_UP: FieldMap = {
  name: { id: P.suName, name: '真实姓名' },
  idNumber: { id: P.suId, name: '身份证号码' },
  phone: { id: P.suPhone, name: '手机号码' },
  code: { id: P.suCode, name: '验证码' },
  password: { id: P.suPassword, name: '密码' },
};

function signUpForm() {
  return {
    name: byId(P.suName).value.trim(),
    idNumber: byId(P.suId).value.trim().toUpperCase(),
    phone: byId(P.suPhone).value.trim(),
    code: byId(P.suCode).value.trim(),
    password: byId(P.suPassword).value,
  };
}

/** What the identity service would refuse of the fields above the code, checked before a code is sent. */
function signUpProblems(f: ReturnType<typeof signUpForm>): FieldProblem[] {
  return checkFields([
    ['name', f.name, realName],
    ['idNumber', f.idNumber, residentId],
    ['phone', f.phone, mobile],
    ['password', f.password, newPassword],
  ]);
}

/** Marks the fields found wrong; true when there were any. */
function refuseSignUp(problems: FieldProblem[]): boolean {
  if (!problems.length) return false;
  say(authMsg, showFieldErrors(SIGN_UP, problems) ?? problems.map((p) => p.reason).join('；'));
  return true;
}

/** Sends the sign-up code to the phone typed, then lets the button be pressed again after a minute. */
byId(P.suSendCode).addEventListener('click', async () => {
  // The fields first: a code sent for an ID number the service then refuses is a wasted SMS and a minute's wait.
  const form = signUpForm();
  if (refuseSignUp(signUpProblems(form))) return;
  const { phone } = form;
  const button = byId(P.suSendCode);
  button.disabled = true;
  const sent = await api<{ expiresInSeconds: number }>('/identity/residents/code', { method: 'POST', body: { phone } });
  if (!sent.ok) {
    button.disabled = false;
    if (!refuseSignUp(apiFieldProblems(sent))) say(authMsg, errorText(sent));
    return;
  }
  say(
    authMsg,
    `验证码已发送至 ${phone.slice(0, 3)}****${phone.slice(7)}，${Math.round(sent.body.expiresInSeconds / 60)} 分钟内有效。`,
    'info',
  );
  byId(P.suCode).focus();
  let left = RESEND_SECONDS;
  const tick = setInterval(() => {
    left -= 1;
    button.textContent = left > 0 ? `${left} 秒后可重发` : '获取验证码';
    if (left <= 0) {
      clearInterval(tick);
      button.disabled = false;
    }
  }, 1000);
});

byId(P.panelSignup).addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = signUpForm();
  const problems = signUpProblems(body);
  if (!/^\d{6}$/.test(body.code)) problems.push({ field: 'code', reason: '请填写手机收到的 6 位验证码' });
  if (refuseSignUp(problems)) return;
  const created = await api('/identity/residents', { method: 'POST', body });
  if (!created.ok) {
    if (!refuseSignUp(apiFieldProblems(created))) say(authMsg, errorText(created));
    return;
  }
  const answer = await residentLogin(body.phone, body.password);
  if (!answer.ok) return say(authMsg, errorText(answer));
  byId(P.suPassword).value = '';
  await showHome();
});

// Editing a field takes its mark away.
for (const [field, entry] of Object.entries(SIGN_UP))
  byId(entry.id).addEventListener('input', () => clearFieldErrors({ [field]: entry }));

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
