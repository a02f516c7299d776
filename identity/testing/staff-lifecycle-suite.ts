// The staff lifecycle over app.request(): what an admin's node asks of the identity service. Run per store adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMMUNITY_A,
  COMMUNITY_B,
  makeHarness,
  STAFF_PASSWORD,
  type Harness,
  type TokenAnswer,
} from './app-harness.js';
import { expectErrorResponse } from './identity-fixtures.js';
import type { StoreFactory } from './store-contract.js';

const STREET = 'dongcheng/jingshan';
const streetAdmin = { id: 'street.admin', name: '街道管理员', org: STREET };
const aAdmin = { id: 'a.admin', name: '社区管理员', org: COMMUNITY_A };

/** The staff lifecycle endpoints, over stores from `factory`. */
export function describeStaffLifecycleEndpoints(name: string, factory: StoreFactory): void {
  describe(`identity staff lifecycle (${name} store)`, () => {
    let h: Harness;
    const asNode = (org: string) => ({ 'x-test-node-org': org });
    const change = (org: string, account: string, body: object, by = streetAdmin) =>
      h.post('/identity/node-staff/changes', { account, change: body, by }, undefined, asNode(org));
    const login = (account: string, password = STAFF_PASSWORD) =>
      h.post('/identity/login', { kind: 'staff', login: account, password });
    beforeAll(async () => {
      h = await makeHarness(factory);
      for (const [account, org] of [
        ['lc.one', COMMUNITY_A],
        ['lc.two', COMMUNITY_A],
        ['lc.three', COMMUNITY_B],
      ] as const) {
        const res = await h.post(
          '/identity/node-staff/accounts',
          {
            staff: { account, name: '窗口人员', org, roles: ['clerk'], password: STAFF_PASSWORD, phone: '13912340001' },
            by: streetAdmin,
          },
          undefined,
          asNode(STREET),
        );
        expect(res.status, await res.clone().text()).toBe(201);
      }
    });
    afterAll(() => h.close());

    it('lists the staff of a subtree for the node, never outside its own organisation', async () => {
      const res = await h.get(`/identity/node-staff/accounts?org=${COMMUNITY_A}`, undefined, asNode(STREET));
      const body = (await res.json()) as { items: { account: string; phone: string | null; disabled: boolean }[] };
      expect(body.items.map((i) => i.account)).toEqual(expect.arrayContaining(['lc.one', 'lc.two']));
      expect(body.items.find((i) => i.account === 'lc.one')).toMatchObject({ phone: '139****0001', disabled: false });
      expect(JSON.stringify(body)).not.toMatch(/scrypt/);
      await expectErrorResponse(
        await h.get(`/identity/node-staff/accounts?org=${STREET}`, undefined, asNode(COMMUNITY_A)),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      await expectErrorResponse(
        await h.get(`/identity/node-staff/accounts?org=${COMMUNITY_A}`),
        401,
        'ERR_UNAUTHENTICATED',
      );
    });

    it('disables a clerk: no login, no refresh of an earlier one, no verifier for his node; enabling lets him log in anew', async () => {
      const before = (await (await login('lc.one')).json()) as TokenAnswer;
      h.clock.advance(1000);
      expect((await change(STREET, 'lc.one', { kind: 'disable' })).status).toBe(200);
      await expectErrorResponse(await login('lc.one'), 403, 'ERR_ACCOUNT_DISABLED');
      await expectErrorResponse(
        await h.post('/identity/refresh', { refreshToken: before.refreshToken }),
        401,
        'ERR_SESSION_REVOKED',
      );
      const verifiers = (await (
        await h.get(`/identity/node-staff?org=${COMMUNITY_A}`, undefined, asNode(COMMUNITY_A))
      ).json()) as { staff: { account: string }[]; voided: { account: string; from: number }[] };
      expect(verifiers.staff.map((v) => v.account)).not.toContain('lc.one');
      // Every node learns that tokens issued to him before now are void.
      expect(verifiers.voided).toContainEqual({ account: 'lc.one', from: h.clock.now().getTime() });
      const trail = (await (
        await h.get(`/identity/node-staff/accounts?org=${COMMUNITY_A}`, undefined, asNode(STREET))
      ).json()) as {
        items: { account: string; disabled: boolean; history: { change: string; by: { id: string } }[] }[];
      };
      expect(trail.items.find((i) => i.account === 'lc.one')).toMatchObject({
        disabled: true,
        history: [
          { change: 'create', by: { id: 'street.admin' } },
          { change: 'disable', by: { id: 'street.admin' } },
        ],
      });
      h.clock.advance(1000);
      expect((await change(STREET, 'lc.one', { kind: 'enable' })).status).toBe(200);
      expect((await login('lc.one')).status).toBe(200);
    });

    it("moves a clerk within the admin's subtree and changes his roles; his earlier login ends", async () => {
      const before = (await (await login('lc.two')).json()) as TokenAnswer;
      h.clock.advance(1000);
      const moved = await change(STREET, 'lc.two', { kind: 'move', to: COMMUNITY_B });
      expect(await moved.json()).toMatchObject({ account: { org: COMMUNITY_B } });
      await expectErrorResponse(
        await h.post('/identity/refresh', { refreshToken: before.refreshToken }),
        401,
        'ERR_SESSION_REVOKED',
      );
      expect((await change(STREET, 'lc.two', { kind: 'roles', roles: ['clerk', 'director'] })).status).toBe(200);
      const me = (await (await login('lc.two')).json()) as TokenAnswer;
      expect(me.account).toMatchObject({ org: COMMUNITY_B, roles: ['clerk', 'director'] });
    });

    it("refuses a community admin's change to a clerk of another community, and a move out of the admin's subtree, changing nothing", async () => {
      const other = await expectErrorResponse(
        await change(COMMUNITY_A, 'lc.three', { kind: 'disable' }, aAdmin),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      expect(other.error.issues?.[0]?.reason).toMatch(/不是本管理员所辖机构的工作人员/);
      await expectErrorResponse(
        await change(COMMUNITY_A, 'lc.one', { kind: 'move', to: COMMUNITY_B }, aAdmin),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      await expectErrorResponse(
        await change(STREET, 'lc.one', { kind: 'move', to: 'dongcheng/donghuamen' }),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      await expectErrorResponse(await change(STREET, 'no.such', { kind: 'disable' }), 404, 'ERR_NOT_FOUND');
      await expectErrorResponse(
        await change(STREET, 'lc.one', { kind: 'roles', roles: ['king'] }),
        400,
        'ERR_VALIDATION',
      );
      expect((await login('lc.three')).status).toBe(200);
      expect((await login('lc.one')).status).toBe(200);
    });

    it("resets a password with a code sent to the clerk's phone: the old one stops at once, the code sets a new one once", async () => {
      expect((await change(STREET, 'lc.three', { kind: 'reset-password' })).status).toBe(200);
      await expectErrorResponse(await login('lc.three'), 401, 'ERR_LOGIN_FAILED');
      const sms = h.sent.at(-1)!;
      expect(sms).toMatchObject({
        phone: '13912340001',
        template: 'staff-password-reset',
        params: { code: expect.stringMatching(/^\d{6}$/) },
      });
      await expectErrorResponse(
        await h.post('/identity/staff/password', {
          account: 'lc.three',
          code: sms.params.code === '000000' ? '000001' : '000000',
          password: 'brand-new-pass',
        }),
        401,
        'ERR_OTP_INVALID',
      );
      // The code is the account's, never a login code for the phone.
      await expectErrorResponse(
        await h.post('/identity/otp/login', { phone: '13912340001', code: sms.params.code }),
        401,
        'ERR_OTP_INVALID',
      );
      expect(
        (
          await h.post('/identity/staff/password', {
            account: 'lc.three',
            code: sms.params.code,
            password: 'brand-new-pass',
          })
        ).status,
      ).toBe(200);
      await expectErrorResponse(
        await h.post('/identity/staff/password', {
          account: 'lc.three',
          code: sms.params.code,
          password: 'other-new-pass',
        }),
        401,
        'ERR_OTP_INVALID',
      );
      expect((await login('lc.three', 'brand-new-pass')).status).toBe(200);
    });
  });
}
