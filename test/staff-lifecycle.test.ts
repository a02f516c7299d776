import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import { client, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js';
import { tempDir } from './support/temp-dir.js';
import { DISTRICT_ADMIN } from './support/fixtures.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const A = 'dongcheng/jingshan/huangchenggen';
const B = 'dongcheng/jingshan/jixiang';
const CLERK = {
  account: 'clerk-a1',
  name: '王窗口',
  org: A,
  roles: ['clerk' as const],
  password: 'clerk-a1-pass',
  phone: '13912345001',
};

const dir = tempDir();
let district: RunningDistrict;
let lineOfA: FaultProxy;
const url = (org: string) => district.nodes.get(org)!.url;

async function identityLogin(at: string, login: string, password: string) {
  return client(url(at)).post('/identity/login', { kind: 'staff', login, password });
}
async function asStaff(at: string, login: string, password: string): Promise<Client> {
  const res = await identityLogin(at, login, password);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client(url(at), res.body.accessToken);
}
const connectedA = () => district.nodes.get(A)!.services.sync!.status().connected;

beforeAll(async () => {
  district = await startDistrict({
    dir: dir.path,
    nodes: [CENTER, STREET, A, B].map((org) => ({
      org,
      ...(org === A
        ? {
            line: async (hubUrl: string) => {
              lineOfA = await startFaultProxy(Number(new URL(hubUrl).port));
              return lineOfA.url;
            },
          }
        : {}),
    })),
    identityStaff: [DISTRICT_ADMIN],
  });
  for (const org of [CENTER, STREET, A, B]) {
    await eventually(() => district.nodes.get(org)!.services.reference.jwks, 20_000, `keys at ${org}`);
  }
}, 60_000);

afterAll(async () => {
  await district?.close();
  await lineOfA?.close();
  dir.remove();
});

describe('人员管理: the staff lifecycle across the district', () => {
  let center: Client;
  let clerkAtNode: string;
  let clerkCentral: { accessToken: string; refreshToken: string };

  it('the district admin creates a clerk with a phone; his community learns his verifier when its line comes back', async () => {
    center = await asStaff(CENTER, DISTRICT_ADMIN.account, DISTRICT_ADMIN.password);
    const created = await center.post('/api/staff', CLERK);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.account).toMatchObject({
      account: CLERK.account,
      org: A,
      phone: '139****5001',
      disabled: false,
    });
    expect(JSON.stringify(created.body)).not.toContain(CLERK.phone);

    // A cut and restored line makes the community pull its staff at once.
    lineOfA.set('reset');
    await eventually(() => !connectedA(), 20_000, 'A offline');
    lineOfA.set('pass');
    clerkAtNode = await eventually(
      async () => {
        const res = await client(url(A)).post('/api/auth/staff-login', {
          account: CLERK.account,
          password: CLERK.password,
        });
        return res.status === 200 ? (res.body.token as string) : undefined;
      },
      30_000,
      'verifier at A',
    );
    const central = await identityLogin(A, CLERK.account, CLERK.password);
    expect(central.status).toBe(200);
    clerkCentral = central.body;
    expect((await client(url(A), clerkAtNode).get('/api/cases')).status).toBe(200);
    expect((await client(url(A), clerkCentral.accessToken).get('/api/cases')).status).toBe(200);
  });

  it('disables him at the centre: refused online at once, at his offline community once it syncs, with every earlier token', async () => {
    lineOfA.set('reset');
    await eventually(() => !connectedA(), 20_000, 'A offline');
    const disabled = await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'disable' });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body.account).toMatchObject({ disabled: true });

    // Online, at once: no login anywhere, and his refresh token is dead.
    const online = await identityLogin(STREET, CLERK.account, CLERK.password);
    expect([online.status, online.body.error.code]).toEqual([403, 'ERR_ACCOUNT_DISABLED']);
    expect(online.body.error.message.zh).toContain('停用');
    const refresh = await client(url(CENTER)).post('/identity/refresh', { refreshToken: clerkCentral.refreshToken });
    expect([refresh.status, refresh.body.error.code]).toEqual([401, 'ERR_SESSION_REVOKED']);

    // His community, cut off, has not heard yet: it still holds his verifier.
    expect(
      (await client(url(A)).post('/api/auth/staff-login', { account: CLERK.account, password: CLERK.password })).status,
    ).toBe(200);

    lineOfA.set('pass');
    await eventually(
      async () =>
        (await client(url(A)).post('/api/auth/staff-login', { account: CLERK.account, password: CLERK.password }))
          .status === 401,
      30_000,
      'verifier withdrawn at A',
    );
    for (const token of [clerkAtNode, clerkCentral.accessToken]) {
      const res = await client(url(A), token).get('/api/cases');
      expect([res.status, res.body.error.code]).toEqual([401, 'ERR_SESSION_REVOKED']);
    }
  });

  it('keeps the audit trail of who changed what, shown to the admins of the subtree', async () => {
    const list = await center.get(`/api/staff?org=${A}`);
    expect(list.status).toBe(200);
    const clerk = list.body.items.find((i: { account: string }) => i.account === CLERK.account);
    expect(
      clerk.history.map((h: { change: string; by: { id: string; org: string }; node: string }) => [
        h.change,
        h.by.id,
        h.by.org,
        h.node,
      ]),
    ).toEqual([
      ['create', 'staff:admin', CENTER, CENTER],
      ['disable', 'staff:admin', CENTER, CENTER],
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|13912345001/);
  });

  it('re-enables, moves him to the other community and makes him a director; the new community lets him in', async () => {
    expect((await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'enable' })).status).toBe(200);
    const moved = await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'move', to: B });
    expect(moved.body.account).toMatchObject({ org: B, disabled: false });
    expect(
      (await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'roles', roles: ['clerk', 'director'] }))
        .status,
    ).toBe(200);
    // Logged in at once after the change, within its second: his new token counts (iat_ms).
    const again = await asStaff(B, CLERK.account, CLERK.password);
    expect((await again.get('/api/auth/me')).body).toMatchObject({ org: B, roles: ['clerk', 'director'] });
    expect((await again.get('/api/cases')).status).toBe(200);
    // His new token is no good at his old community.
    expect(
      (await client(url(A), (await identityLogin(B, CLERK.account, CLERK.password)).body.accessToken).get('/api/cases'))
        .status,
    ).toBe(403);
  });

  it('resets his password with a code to his phone: the old password stops at once, the code sets a new one', async () => {
    const reset = await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'reset-password' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect((await identityLogin(B, CLERK.account, CLERK.password)).status).toBe(401);
    const sms = readFileSync(join(dir.path, 'hub', 'sms.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((n) => n.template === 'staff-password-reset')
      .at(-1);
    expect(sms.phone).toBe(CLERK.phone);
    // He sets it himself at his own hall's page, through the node's relay.
    const set = await client(url(B)).post('/identity/staff/password', {
      account: CLERK.account,
      code: sms.params.code,
      password: 'a-brand-new-pass',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await identityLogin(B, CLERK.account, 'a-brand-new-pass')).status).toBe(200);
    const history = (await center.get(`/api/staff?org=${B}`)).body.items.find(
      (i: { account: string }) => i.account === CLERK.account,
    ).history;
    expect(history.map((h: { change: string }) => h.change)).toEqual([
      'create',
      'disable',
      'enable',
      'move',
      'roles',
      'reset-password',
      'password-set',
    ]);
  });

  it('refuses, changing nothing: a street admin outside his street, a community admin, a clerk, a wrong role, no staff at all', async () => {
    expect(
      (
        await center.post('/api/staff', {
          account: 'street-admin',
          name: '街道管理员',
          org: STREET,
          roles: ['admin'],
          password: 'street-admin-pass',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await center.post('/api/staff', {
          account: 'b-admin',
          name: '社区管理员',
          org: B,
          roles: ['admin'],
          password: 'b-admin-pass',
        })
      ).status,
    ).toBe(201);
    const street = await asStaff(STREET, 'street-admin', 'street-admin-pass');
    const out = await street.post(`/api/staff/${CLERK.account}/changes`, { kind: 'move', to: 'dongcheng/donghuamen' });
    expect([out.status, out.body.error.code]).toEqual([403, 'ERR_SCOPE_FORBIDDEN']);
    expect(out.body.error.issues[0]).toMatchObject({
      field: 'body.change.to',
      reason: expect.stringContaining('不在管理员所属机构'),
    });
    const admin = await street.post(`/api/staff/${DISTRICT_ADMIN.account}/changes`, { kind: 'disable' });
    expect([admin.status, admin.body.error.code]).toEqual([403, 'ERR_SCOPE_FORBIDDEN']);
    expect(admin.body.error.message).toMatchObject({ zh: expect.any(String), en: expect.any(String) });

    // A community holds no staff.manage from its street: its admin manages nobody, not even at home.
    const bAdmin = await asStaff(B, 'b-admin', 'b-admin-pass');
    expect((await bAdmin.post(`/api/staff/${CLERK.account}/changes`, { kind: 'disable' })).status).toBe(403);
    const clerk = await asStaff(B, CLERK.account, 'a-brand-new-pass');
    expect((await clerk.post(`/api/staff/${CLERK.account}/changes`, { kind: 'roles', roles: ['admin'] })).status).toBe(
      403,
    );
    const role = await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'roles', roles: ['king'] });
    expect([role.status, role.body.error.code]).toEqual([400, 'ERR_VALIDATION']);
    expect((await center.post('/api/staff/nobody-here/changes', { kind: 'disable' })).status).toBe(404);
    expect((await client(url(CENTER)).post(`/api/staff/${CLERK.account}/changes`, { kind: 'disable' })).status).toBe(
      401,
    );

    const after = (await center.get(`/api/staff?org=${B}`)).body.items.find(
      (i: { account: string }) => i.account === CLERK.account,
    );
    expect(after).toMatchObject({ org: B, roles: ['clerk', 'director'], disabled: false });
    expect(after.history).toHaveLength(7);
  });

  it('his earlier tokens stop at another online node within seconds of a change at the centre, not at its next pull', async () => {
    const central = await asStaff(B, CLERK.account, 'a-brand-new-pass');
    // B holds his new password's verifier (set after the reset) once it has pulled since.
    await district.nodes.get(B)!.services.staffPull!.once();
    const local = await client(url(B)).post('/api/auth/staff-login', {
      account: CLERK.account,
      password: 'a-brand-new-pass',
    });
    expect(local.status).toBe(200);
    const atB = [central, client(url(B), local.body.token)];
    for (const c of atB) expect((await c.get('/api/cases')).status).toBe(200);
    const started = Date.now();
    const changed = await center.post(`/api/staff/${CLERK.account}/changes`, { kind: 'roles', roles: ['clerk'] });
    expect(changed.status).toBe(200);
    // B's periodic pull is minutes away: only the staff-change document its live replication brings makes it pull now.
    await eventually(
      async () => {
        const answers = await Promise.all(atB.map((c) => c.get('/api/cases')));
        return answers.every((a) => a.status === 401 && a.body.error.code === 'ERR_SESSION_REVOKED');
      },
      10_000,
      'earlier tokens refused at B',
    );
    const delay = Date.now() - started;
    expect(delay).toBeLessThan(10_000);
    console.info(`staff change at the centre refused at B after ${delay} ms`);
    // The document says nothing personal: the account, its organisation and when.
    const doc = (await district.nodes.get(B)!.services.db.get(`staff-change:${CLERK.account}`)) as unknown as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({ type: 'staff-change', account: CLERK.account, org: B, scope: CENTER });
    expect(Object.keys(doc).some((k) => /phone|verifier|password/.test(k))).toBe(false);
  });
});
