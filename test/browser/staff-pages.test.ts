import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';
import { browserSession } from './support/browser-session.js';
import { DISTRICT_ADMIN } from '../support/fixtures.js';

const CENTER = 'dongcheng';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
/** A plain window clerk of the center: no right beyond casework's. */
const CLERK = { account: 'clerk.plain', name: '吴窗口', roles: ['clerk' as const], password: 'clerk-plain-pass' };
const SHOTS = 'test/screenshots';

const dir = tempDir('hallnet-staff-pages-');
let district: RunningDistrict;
const url = (org: string, path: string) => `${district.nodes.get(org)!.url}${path}`;

const session = browserSession({ shots: SHOTS });

async function tab(): Promise<Page> {
  const page = await session.tab();
  // 停用 asks first; the admin agrees.
  page.on('dialog', (d) => void d.accept());
  return page;
}
const staffLogin = (org: string, login: string, password: string) =>
  client(district.nodes.get(org)!.url).post('/identity/login', { kind: 'staff', login, password });

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: CENTER, staff: [CLERK] }, { org: COMMUNITY }],
    identityStaff: [DISTRICT_ADMIN],
  });
  // The center pulls its admin's verifier at start, so he logs in at its pages.
  await eventually(
    async () =>
      (
        await client(url(CENTER, '')).post('/api/auth/staff-login', {
          account: DISTRICT_ADMIN.account,
          password: DISTRICT_ADMIN.password,
        })
      ).status === 200,
    20_000,
    'admin verifier at the center',
  );
}, 60_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('人员管理 pages in a real Chromium', () => {
  it('the district admin opens an account, disables and enables it, sends a reset code; the audit trail says who did what', async () => {
    const page = await tab();
    await page.goto(url(CENTER, '/staff'));
    await page.fill('#clerk-account', DISTRICT_ADMIN.account);
    await page.fill('#clerk-password', DISTRICT_ADMIN.password);
    await page.click('#clerk-login-form button[type=submit]');
    await page.locator('#staff-create-form').waitFor();

    // Each wrong field is named under itself, checked before anything is sent; the roles in the message.
    await page.click('#staff-create-form button[type=submit]');
    await page
      .locator('#staff-msg')
      .getByText('请更正标红的字段：账号、姓名、密码；请至少选择一个角色', { exact: true })
      .waitFor();
    expect(await page.locator('#staff-create-password-error').textContent()).toBe('密码：至少 8 个字符');
    await page.fill('#staff-create-account', 'Bad Account!');
    await page.fill('#staff-create-name', '赵窗口');
    await page.check('#staff-create-role-clerk');
    await page.fill('#staff-create-phone', '12');
    await page.fill('#staff-create-password', '123');
    await page.click('#staff-create-form button[type=submit]');
    await page.locator('#staff-msg').getByText('请更正标红的字段：账号、手机号码、密码', { exact: true }).waitFor();
    expect(await page.locator('#staff-create-form .field-error').allTextContents()).toEqual([
      '账号：须为 2-60 位小写字母、数字或 . _ -',
      '手机号码：须为 11 位手机号码',
      '密码：至少 8 个字符',
    ]);
    expect(await page.locator('#staff-create-account').getAttribute('aria-invalid')).toBe('true');
    await page.uncheck('#staff-create-role-clerk');

    await page.fill('#staff-create-account', 'clerk-page');
    await page.fill('#staff-create-name', '赵窗口');
    await page.selectOption('#staff-create-org', COMMUNITY);
    await page.check('#staff-create-role-clerk');
    await page.fill('#staff-create-phone', '13912345077');
    await page.fill('#staff-create-password', 'clerk-page-pass');
    await page.click('#staff-create-form button[type=submit]');
    await page.locator('#staff-msg').getByText('已开通：赵窗口（clerk-page）').waitFor();
    const row = page.locator('tr[data-account="clerk-page"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('139****5077');

    // A wrong phone is refused with its reason, nothing changed.
    await row.getByRole('button', { name: '管理赵窗口' }).click();
    await page.fill('#staff-edit-phone', '12345');
    await page.click('#staff-edit-phone-save');
    await page.locator('#staff-msg').getByText('须为 11 位手机号码').waitFor();

    await page.click('#staff-edit-disable');
    await page.locator('#staff-msg').getByText('已停用').waitFor();
    await row.getByText('已停用').waitFor();
    const refused = await staffLogin(COMMUNITY, 'clerk-page', 'clerk-page-pass');
    expect(refused.status).toBe(403);
    const trail = page.locator('#staff-edit-history li');
    expect(await trail.allTextContents()).toEqual([
      expect.stringMatching(/区管理员（东城区政务服务中心）开通账号$/),
      expect.stringMatching(/区管理员（东城区政务服务中心）停用$/),
    ]);
    await session.shot(page, 'staff-page', true);

    await page.click('#staff-edit-enable');
    await row.getByText('正常').waitFor();
    expect((await staffLogin(COMMUNITY, 'clerk-page', 'clerk-page-pass')).status).toBe(200);
    await page.uncheck('#staff-edit-role-clerk');
    await page.click('#staff-edit-roles');
    await page.locator('#staff-msg').getByText('请至少选择一个角色').waitFor();
    await page.check('#staff-edit-role-clerk');
    await page.check('#staff-edit-role-director');
    await page.click('#staff-edit-roles');
    await row.getByText('窗口人员、负责人').waitFor();

    await page.click('#staff-edit-reset');
    await page.locator('#staff-msg').getByText('验证码已发送到其手机').waitFor();
    await page.close();

    // The clerk sets his new password at his own station's page with the code from his phone.
    const sms = readFileSync(join(dir.path, 'hub', 'sms.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((n) => n.template === 'staff-password-reset')
      .at(-1);
    expect(sms.phone).toBe('13912345077');
    const own = await tab();
    await own.goto(url(COMMUNITY, '/staff/password'));
    await own.fill('#staff-password-account', 'clerk-page');
    await own.fill('#staff-password-code', sms.params.code === '000000' ? '000001' : '000000');
    await own.fill('#staff-password-new', 'clerk-page-new-pass');
    await own.click('#staff-password-form button[type=submit]');
    await own.locator('#staff-password-msg').getByText('验证码错误或已失效').waitFor();
    await own.fill('#staff-password-code', sms.params.code);
    await own.fill('#staff-password-new', 'clerk-page-new-pass');
    await own.click('#staff-password-form button[type=submit]');
    await own.locator('#staff-password-msg').getByText('新密码已设置').waitFor();
    await own.close();
    expect((await staffLogin(COMMUNITY, 'clerk-page', 'clerk-page-pass')).status).toBe(401);
    expect((await staffLogin(COMMUNITY, 'clerk-page', 'clerk-page-new-pass')).status).toBe(200);
  });

  it('shows who works at the hall: the accounts added at its node, read-only, and says where an organisation’s node accounts are kept', async () => {
    const page = await tab();
    await page.goto(url(CENTER, '/staff'));
    await page.fill('#clerk-account', DISTRICT_ADMIN.account);
    await page.fill('#clerk-password', DISTRICT_ADMIN.password);
    await page.click('#clerk-login-form button[type=submit]');
    // The center's clerk was added at its node (offline login): the identity service does not list him.
    const local = page.locator('#staff-local-body tr', { hasText: CLERK.account });
    await local.waitFor();
    expect(await local.locator('td').allTextContents()).toEqual([
      CLERK.account,
      CLERK.name,
      '东城区政务服务中心',
      '窗口人员',
    ]);
    expect(await page.locator('#staff-local-body button').count()).toBe(0);
    // An organisation with no account at the identity service says so, and where its node accounts are.
    await page.selectOption('#staff-org', 'dongcheng/donghuamen/nanchizi');
    await page.locator('#staff-body td', { hasText: '暂无人员' }).waitFor();
    expect(await page.locator('#staff-body').textContent()).toContain('请到该站的人员管理页查看');
    await session.shot(page, 'staff-node-local');
    await page.close();
  });

  it('a station’s director opening the staff page is told he may not manage staff, and sees its node accounts only', async () => {
    // The community's next pull of its staff (every five minutes, or when its line comes back) brings his verifier.
    await district.nodes.get(COMMUNITY)!.services.staffPull!.once();
    // A token issued in the very second of his account's last change is void by design (iat has whole seconds).
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 50));
    const page = await tab();
    await page.goto(url(COMMUNITY, '/staff'));
    await page.fill('#clerk-account', 'clerk-page');
    await page.fill('#clerk-password', 'clerk-page-new-pass');
    await page.click('#clerk-login-form button[type=submit]');
    // clerk-page is the station's director by now (the admin gave him the role above).
    await page.locator('#staff-msg').getByText('没有管理人员的权限：下面只列出本站节点上的账号').waitFor();
    expect(await page.locator('#staff-create-form').isVisible()).toBe(false);
    expect(await page.locator('#staff-body tr').count()).toBe(0);
    await page.locator('#staff-local-body').getByText('本站节点上没有本地账号。').waitFor();
    await page.close();
  });

  it('a lapsed login brings back the login form alone, with no word of missing rights', async () => {
    // A token the node no longer takes, kept in the tab with an expiry still ahead (a restart, a reset, a revoked login).
    const stale = {
      token: 'stale-token',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      staff: { account: CLERK.account, name: CLERK.name, org: CENTER, roles: CLERK.roles },
    };
    const page = await tab();
    for (const path of ['/window', '/window/cases', '/office', '/staff']) {
      await page.goto(url(CENTER, path));
      await page.evaluate((s) => sessionStorage.setItem('hallnet.clerk', JSON.stringify(s)), stale);
      const me = page.waitForResponse((r) => r.url().endsWith('/api/auth/me'));
      await page.reload();
      expect((await me).status(), path).toBe(401);
      await page.locator('#clerk-login-msg').getByText('登录已失效，请重新登录。').waitFor();
      // Past the microtasks that answered the rights call: whatever the page says of rights is said by now.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      expect(await page.locator('#clerk-no-right').isHidden(), path).toBe(true);
      expect(await page.locator('#clerk-area').isHidden(), path).toBe(true);
      expect(await page.locator('#clerk-login-form').isVisible(), path).toBe(true);
    }
    await page.close();
  });

  it('each account sees only the work its rights allow: the rest says why, and asks the API nothing it would refuse', async () => {
    const refused: string[] = [];
    const signIn = async (path: string, who: { account: string; password: string }) => {
      const page = await tab();
      page.on('response', (r) => r.status() === 403 && refused.push(`${who.account} ${r.url()}`));
      await page.goto(url(CENTER, path));
      await page.fill('#clerk-account', who.account);
      await page.fill('#clerk-password', who.password);
      await page.click('#clerk-login-form button[type=submit]');
      await page.locator('#clerk-bar').waitFor();
      return page;
    };
    const told = async (path: string, who: { account: string; password: string }, reason: string) => {
      const page = await signIn(path, who);
      await page.locator('#clerk-no-right').getByText(reason).waitFor();
      expect(await page.locator('#clerk-area').isHidden()).toBe(true);
      await page.close();
    };
    // A plain clerk: the figures, but neither lights, single ratings nor the hub's refusals.
    const board = await signIn('/supervision', CLERK);
    await board.locator('#sv-totals .stat').first().waitFor();
    for (const title of ['红绿灯', '好差评', '同步拒收'])
      expect(await board.getByRole('heading', { name: title }).isVisible()).toBe(false);
    await session.shot(board, 'supervision-plain-clerk', true);
    await board.close();
    await told('/staff', CLERK, '没有管理人员的权限');
    await told('/catalogue/edit', CLERK, '没有起草和发布事项的权限');
    await told('/window/queue/setup', CLERK, '没有设置窗口的权限');
    // The admin manages staff, the catalogue and the windows, and handles no case.
    await told('/window', DISTRICT_ADMIN, '没有受理办件的权限');
    await told('/window/cases', DISTRICT_ADMIN, '不办理办件');
    await told('/office', DISTRICT_ADMIN, '不办理办件');
    await told('/office/commitments', DISTRICT_ADMIN, '不办理办件');
    // He has no window to call at: the panel says so and leads to the window setup he does.
    const panel = await signIn('/window/queue', DISTRICT_ADMIN);
    await panel.locator('#queue-msg').getByText('您的账号没有叫号窗口').waitFor();
    expect(await panel.locator('#queue-msg').textContent()).not.toContain('/window');
    await panel.getByRole('link', { name: '窗口设置' }).click();
    await panel.locator('#setup-form').waitFor();
    await panel.close();
    expect(refused).toEqual([]);
  });
});
