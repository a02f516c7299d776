// 人员管理: the admin lists the staff of an organisation of his subtree, opens accounts, and
// disables, enables, moves, re-roles them, records a phone or sends a password-reset code.
import { STAFF_PAGE as P } from '../ids/staff-ids.js';
import { errorText } from './api.js';
import { checkFields, mobile, newPassword, realName, staffAccount } from './account-checks.js';
import { clerkApi, clerkRoles, requireClerkWhere } from './clerk-session.js';
import { L, label } from './config.js';
import { byId, checkboxes, fill, h, say, type MessageKind } from './dom.js';
import { apiFieldProblems, clearFieldErrors, showFieldErrors, type FieldMap } from './field-errors.js';

interface HistoryEntry {
  at: string;
  by: { id: string; name: string; org: string };
  node?: string;
  change: string;
  from?: string;
  to?: string;
}
interface Member {
  account: string;
  name: string;
  org: string;
  roles: string[];
  disabled: boolean;
  phone: string | null;
  history: HistoryEntry[];
}

const msg = (text: string, kind: MessageKind = 'error') => say(byId(P.staffMsg), text, kind);
const roleNames = (roles: readonly string[]) => roles.map((r) => label(L.role, r)).join('、');
const rolesTicked = (node: ParentNode) =>
  checkboxes(node)
    .filter((b) => b.checked)
    .map((b) => b.value);
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
/** An organisation's name as the page's 机构 list gives it (its path only when the list lacks it). */
const orgName = (path: string) => [...byId(P.staffOrg).options].find((o) => o.value === path)?.text ?? path;
let members: Member[] = [];
let selected: Member | undefined;

function describe(e: HistoryEntry): string {
  const what = label(L.staffChange, e.change);
  const detail =
    e.change === 'roles'
      ? `：${roleNames((e.from ?? '').split(','))} → ${roleNames((e.to ?? '').split(','))}`
      : e.change === 'move'
        ? `：${orgName(e.from ?? '')} → ${orgName(e.to ?? '')}`
        : '';
  return `${when(e.at)} ${e.by.name}（${orgName(e.by.org)}）${what}${detail}`;
}

function select(m: Member): void {
  selected = m;
  byId(P.editCard).hidden = false;
  byId(P.editTitle).textContent = `管理账号：${m.name}（${m.account}）${m.disabled ? ' · 已停用' : ''}`;
  byId(P.editOrg).value = m.org;
  for (const b of checkboxes(byId(P.editCard))) b.checked = m.roles.includes(b.value);
  byId(P.editPhone).value = '';
  byId(P.editDisable).hidden = m.disabled;
  byId(P.editEnable).hidden = !m.disabled;
  fill(
    byId(P.editHistory),
    m.history.map((e) => h('li', {}, describe(e))),
  );
}

/** A table's one line saying it has no row, and why. */
const emptyRow = (columns: number, text: string) =>
  h('tr', {}, h('td', { colspan: String(columns), class: 'muted' }, text));

function render(): void {
  if (!members.length) {
    fill(
      byId(P.staffBody),
      emptyRow(
        7,
        `暂无人员：${orgName(byId(P.staffOrg).value)}在区级身份服务中没有账号。其工作人员若使用节点本地账号（hallnet staff add，可离线登录），请到该站的人员管理页查看；这类账号由该站运维人员在节点上管理。`,
      ),
    );
    return;
  }
  fill(
    byId(P.staffBody),
    members.map((m) =>
      h(
        'tr',
        { 'data-account': m.account },
        h('td', {}, m.account),
        h('td', {}, m.name),
        h('td', {}, orgName(m.org)),
        h('td', {}, roleNames(m.roles)),
        h('td', {}, m.phone ?? '未登记'),
        h('td', {}, m.disabled ? '已停用' : '正常'),
        h(
          'td',
          { class: 'row-actions' },
          h(
            'button',
            { type: 'button', class: 'secondary', 'aria-label': `管理${m.name}`, onclick: () => select(m) },
            '管理',
          ),
        ),
      ),
    ),
  );
  const again = selected && members.find((m) => m.account === selected!.account);
  if (again) select(again);
}

async function load(): Promise<void> {
  const org = byId(P.staffOrg).value;
  const answer = await clerkApi<{ items: Member[] }>(`/api/staff?org=${encodeURIComponent(org)}`);
  if (!answer.ok)
    return msg(answer.status === 403 ? `只有本辖区管理员可以管理人员：${errorText(answer)}` : errorText(answer));
  members = answer.body.items;
  render();
}

async function change(body: Record<string, unknown>, done: string): Promise<void> {
  if (!selected) return;
  const answer = await clerkApi<{ account: Member }>(`/api/staff/${encodeURIComponent(selected.account)}/changes`, {
    method: 'POST',
    body,
  });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${answer.body.account.name}：${done}`, 'ok');
  await load();
}

byId(P.staffOrg).addEventListener('change', () => {
  selected = undefined;
  byId(P.editCard).hidden = true;
  void load();
});
byId(P.editMove).addEventListener(
  'click',
  () => void change({ kind: 'move', to: byId(P.editOrg).value }, `已调动到 ${byId(P.editOrg).value}，原登录已失效`),
);
byId(P.editRoles).addEventListener('click', () => {
  const roles = rolesTicked(byId(P.editCard));
  if (!roles.length) return msg('请至少选择一个角色');
  void change({ kind: 'roles', roles }, `角色已改为${roleNames(roles)}，原登录已失效`);
});
byId(P.editSavePhone).addEventListener(
  'click',
  () => void change({ kind: 'phone', phone: byId(P.editPhone).value.trim() }, '手机号已登记'),
);
byId(P.editReset).addEventListener(
  'click',
  () => void change({ kind: 'reset-password' }, '验证码已发送到其手机，原密码已失效；请其在“重设密码”页面设置新密码'),
);
byId(P.editDisable).addEventListener('click', () => {
  if (selected && confirm(`确定停用 ${selected.name}（${selected.account}）？停用后其在各节点都不能登录。`))
    void change({ kind: 'disable' }, '已停用，各节点同步后不能再登录');
});
byId(P.editEnable).addEventListener('click', () => void change({ kind: 'enable' }, '已启用，请其重新登录'));

/** 开通账号's fields by the API's names, for errors under each (as on /window). */
const CREATE: FieldMap = {
  account: { id: P.createAccount, name: '账号' },
  name: { id: P.createName, name: '姓名' },
  phone: { id: P.createPhone, name: '手机号码' },
  password: { id: P.createPassword, name: '密码' },
};

byId(P.createForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const phone = byId(P.createPhone).value.trim();
  const body = {
    account: byId(P.createAccount).value.trim(),
    name: byId(P.createName).value.trim(),
    org: byId(P.createOrg).value,
    roles: rolesTicked(byId(P.createForm)),
    password: byId(P.createPassword).value,
    ...(phone ? { phone } : {}),
  };
  // Every field's problem at once, each under its field; the roles (a group of boxes) in the message.
  const problems = checkFields([
    ['account', body.account, staffAccount],
    ['name', body.name, realName],
    ['phone', phone, (v) => (v ? mobile(v) : undefined)],
    ['password', body.password, newPassword],
  ]);
  const noRole = body.roles.length ? undefined : '请至少选择一个角色';
  if (problems.length || noRole) return msg([showFieldErrors(CREATE, problems), noRole].filter(Boolean).join('；'));
  clearFieldErrors(CREATE);
  const answer = await clerkApi<{ account: Member }>('/api/staff', { method: 'POST', body });
  if (!answer.ok) return msg(showFieldErrors(CREATE, apiFieldProblems(answer)) ?? errorText(answer));
  msg(`已开通：${answer.body.account.name}（${answer.body.account.account}）`, 'ok');
  byId(P.createForm).reset();
  byId(P.staffOrg).value = body.org;
  await load();
});

for (const [field, entry] of Object.entries(CREATE))
  byId(entry.id).addEventListener('input', () => clearFieldErrors({ [field]: entry }));

/** The accounts added at this node: read-only, the identity service does not know them. */
async function loadNodeLocal(): Promise<void> {
  const answer = await clerkApi<{ items: Omit<Member, 'disabled' | 'phone' | 'history'>[] }>('/api/staff/node-local');
  if (!answer.ok) return msg(errorText(answer));
  fill(
    byId(P.localBody),
    answer.body.items.length
      ? answer.body.items.map((m) =>
          h(
            'tr',
            {},
            h('td', {}, m.account),
            h('td', {}, m.name),
            h('td', {}, orgName(m.org)),
            h('td', {}, roleNames(m.roles)),
          ),
        )
      : emptyRow(4, '本站节点上没有本地账号。'),
  );
}

// Admins manage the subtree's accounts; a hall's director or admin without that right still sees who works here.
let manages = false;
requireClerkWhere(
  (rights) => {
    manages = rights.has('staff.manage');
    return manages || clerkRoles().some((r) => r === 'admin' || r === 'director');
  },
  '人员管理供本辖区的管理员使用，本站负责人可查看本站节点上的账号；您的账号没有管理人员的权限。开通或停用账号、调整角色、重置密码，请联系本辖区管理员。',
  () => {
    byId(P.manage).hidden = !manages;
    if (!manages) msg('您的账号没有管理人员的权限：下面只列出本站节点上的账号。', 'info');
    if (manages) void load();
    void loadNodeLocal();
  },
);
