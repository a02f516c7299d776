import { STAFF_ROLES } from '../../sync/index.js';
import { ClerkLogin } from './clerk-login.js';
import { STAFF_PAGE as P } from './ids/staff-ids.js';
import { CLERK_LOGIN } from './ids/shared-ids.js';
import { LABELS } from './labels.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** An organisation an admin of this node may put staff in. */
export interface StaffOrgOption {
  path: string;
  name: string;
}

function OrgSelect({ id, orgs, label }: { id: string; orgs: StaffOrgOption[]; label: string }) {
  return (
    <select id={id} aria-label={label}>
      {orgs.map((o) => (
        <option value={o.path}>{o.name}</option>
      ))}
    </select>
  );
}

function RoleChecks({ id, legend }: { id: (role: string) => string; legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul class="category-checks">
        {STAFF_ROLES.map((r) => (
          <li>
            <input type="checkbox" id={id(r)} value={r} />
            <label for={id(r)}>{LABELS.role[r]}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/**
 * `/staff` 人员管理 (browser/staff.ts): the admins of this node's subtree list its staff, open
 * accounts, disable and enable them, move them, change their roles, record a phone and send a
 * password-reset code; each account's audit trail says who changed what. Every action is the
 * API's (/api/staff), which checks the admin's staff.manage right.
 */
export function StaffPage({ ctx, orgs }: { ctx: PageContext; orgs: StaffOrgOption[] }) {
  return (
    <Layout ctx={ctx} title="人员管理" nav="staff" scripts={['staff']} styles={['flow.css']}>
      <ClerkLogin title="管理员登录" />
      <div id={CLERK_LOGIN.clerkArea} hidden>
        <div id={P.staffMsg} hidden />
        <div id={P.manage} hidden>
          <section class="card">
            <h2>本辖区工作人员</h2>
            <p class="muted">
              停用、调动、调整角色或重置密码后，该人员此前的登录全部失效；离线的服务站在下次同步后生效。
            </p>
            <div class="form-row">
              <div class="field">
                <label for={P.staffOrg}>机构</label>
                <OrgSelect id={P.staffOrg} orgs={orgs} label="机构" />
              </div>
            </div>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">账号</th>
                    <th scope="col">姓名</th>
                    <th scope="col">机构</th>
                    <th scope="col">角色</th>
                    <th scope="col">手机</th>
                    <th scope="col">状态</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody id={P.staffBody} />
              </table>
            </div>
          </section>
          <div class="grid-2">
            <section class="card" id={P.editCard} hidden aria-labelledby={P.editTitle}>
              <h2 id={P.editTitle}>管理账号</h2>
              <div class="form-row">
                <div class="field">
                  <label for={P.editOrg}>调动到</label>
                  <OrgSelect id={P.editOrg} orgs={orgs} label="调动到" />
                </div>
              </div>
              <div class="actions">
                <button type="button" class="secondary" id={P.editMove}>
                  调动
                </button>
              </div>
              <RoleChecks id={P.editRole} legend="角色" />
              <div class="actions">
                <button type="button" class="secondary" id={P.editRoles}>
                  保存角色
                </button>
              </div>
              <div class="form-row">
                <div class="field">
                  <label for={P.editPhone}>手机号（接收重置密码验证码）</label>
                  <input id={P.editPhone} type="tel" inputmode="numeric" maxlength={11} autocomplete="off" />
                </div>
              </div>
              <div class="actions">
                <button type="button" class="secondary" id={P.editSavePhone}>
                  登记手机号
                </button>
                <button type="button" class="secondary" id={P.editReset}>
                  发送重置密码验证码
                </button>
                <button type="button" id={P.editDisable}>
                  停用账号
                </button>
                <button type="button" class="secondary" id={P.editEnable}>
                  启用账号
                </button>
              </div>
              <h3>变更记录</h3>
              <ol id={P.editHistory} class="timeline" />
            </section>
            <section class="card" aria-labelledby="staff-create-title">
              <h2 id="staff-create-title">开通账号</h2>
              <form id={P.createForm} novalidate>
                <div class="form-row">
                  <div class="field">
                    <label for={P.createAccount}>账号</label>
                    <input
                      id={P.createAccount}
                      type="text"
                      autocomplete="off"
                      spellcheck={false}
                      maxlength={60}
                      required
                    />
                  </div>
                  <div class="field">
                    <label for={P.createName}>姓名</label>
                    <input id={P.createName} type="text" autocomplete="off" maxlength={50} required />
                  </div>
                </div>
                <div class="form-row">
                  <div class="field">
                    <label for={P.createOrg}>机构</label>
                    <OrgSelect id={P.createOrg} orgs={orgs} label="机构" />
                  </div>
                  <div class="field">
                    <label for={P.createPhone}>手机号（可不填）</label>
                    <input id={P.createPhone} type="tel" inputmode="numeric" maxlength={11} autocomplete="off" />
                  </div>
                </div>
                <RoleChecks id={P.createRole} legend="角色" />
                <div class="form-row">
                  <div class="field">
                    <label for={P.createPassword}>初始密码（至少 8 位）</label>
                    <input id={P.createPassword} type="password" autocomplete="new-password" maxlength={200} required />
                  </div>
                </div>
                <button type="submit">开通</button>
              </form>
            </section>
          </div>
        </div>
        <section class="card" aria-labelledby="staff-local-title">
          <h2 id="staff-local-title">本站节点账号（只读）</h2>
          <p class="muted">
            这些账号由本站运维人员在节点上用 hallnet staff add
            开设，只保存在本站节点上（区级平台断开时也能登录），区级身份服务中没有，因此不能在这里停用、调动或重置密码。
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">账号</th>
                  <th scope="col">姓名</th>
                  <th scope="col">机构</th>
                  <th scope="col">角色</th>
                </tr>
              </thead>
              <tbody id={P.localBody} />
            </table>
          </div>
        </section>
      </div>
    </Layout>
  );
}
