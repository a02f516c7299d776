// Sign-up and staff creation over app.request(); run by each store adapter's app test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMUNITY_A, COMMUNITY_B, makeHarness, STAFF_PASSWORD, type Harness } from './app-harness.js';
import { expectErrorResponse, idNumber, phone } from './identity-fixtures.js';
import type { StoreFactory } from './store-contract.js';

const newStaff = (account: string, org: string, roles: string[] = ['clerk']) => ({
  account,
  name: '新同事',
  org,
  roles,
  password: STAFF_PASSWORD,
});

/** The account endpoints, over stores from `factory`. */
export function describeAccountEndpoints(name: string, factory: StoreFactory): void {
  describe(`identity accounts (${name} store)`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await makeHarness(factory);
    });
    afterAll(() => h.close());

    it('signs a resident up with the code sent to his phone and shows the account without its verifier', async () => {
      const code = await h.signUpCode(phone(1));
      expect(h.sent.at(-1)).toMatchObject({ phone: phone(1), template: 'signup-code', params: { code, minutes: '5' } });
      const res = await h.post('/identity/residents', {
        name: ' 王小明 ',
        idNumber: idNumber(1).toLowerCase(),
        phone: phone(1),
        code,
        password: 'Resident-pass-2026',
      });
      expect(res.status).toBe(201);
      const { account } = (await res.json()) as { account: Record<string, unknown> };
      expect(account).toMatchObject({
        kind: 'resident',
        name: '王小明',
        idNumber: idNumber(1),
        phone: phone(1),
        hasPassword: true,
      });
      expect(account.sub).toMatch(/^resident:[0-9a-f-]{36}$/);
      expect(JSON.stringify(account)).not.toMatch(/scrypt/);
    });

    it('refuses a sign-up without the right code, and a sign-up code as a login code', async () => {
      await expectErrorResponse(
        await h.post('/identity/residents', { name: '钱七', idNumber: idNumber(6), phone: phone(6), code: '000000' }),
        401,
        'ERR_OTP_INVALID',
      );
      const code = await h.signUpCode(phone(6));
      const wrong = code === '999999' ? '999998' : '999999';
      await expectErrorResponse(
        await h.post('/identity/residents', { name: '钱七', idNumber: idNumber(6), phone: phone(6), code: wrong }),
        401,
        'ERR_OTP_INVALID',
      );
      await expectErrorResponse(await h.post('/identity/otp/login', { phone: phone(6), code }), 401, 'ERR_OTP_INVALID');
      expect(
        (await h.post('/identity/residents', { name: '钱七', idNumber: idNumber(6), phone: phone(6), code })).status,
      ).toBe(201);
      // Spent: the same code does not make a second account.
      await expectErrorResponse(
        await h.post('/identity/residents', { name: '钱七', idNumber: idNumber(7), phone: phone(6), code }),
        401,
        'ERR_OTP_INVALID',
      );
    });

    it('lets a resident sign up without a password, for SMS-code login only', async () => {
      const res = await h.post('/identity/residents', {
        name: '赵六',
        idNumber: idNumber(2),
        phone: phone(2),
        code: await h.signUpCode(phone(2)),
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { account: { hasPassword: boolean } }).account.hasPassword).toBe(false);
    });

    it('sends no code to a phone that has an account (its owner is told by SMS), and refuses a second account for an ID number with 409', async () => {
      const before = h.sent.length;
      h.clock.advance(61_000); // a phone gets one code a minute
      expect((await h.post('/identity/residents/code', { phone: phone(1) })).status).toBe(202);
      expect(h.sent.slice(before)).toEqual([{ phone: phone(1), template: 'signup-exists', params: {} }]);
      const byId = await expectErrorResponse(
        await h.post('/identity/residents', {
          name: '张三',
          idNumber: idNumber(1),
          phone: phone(3),
          code: await h.signUpCode(phone(3)),
        }),
        409,
        'ERR_ACCOUNT_EXISTS',
      );
      expect(byId.error.issues).toEqual([
        { field: 'body.idNumber', reason: expect.stringMatching(/already.*\/.*已注册/) },
      ]);
    });

    it('answers bad input with 400, each field and its reason in English and Chinese', async () => {
      const wrongCheck = idNumber(4).slice(0, 17) + (idNumber(4).endsWith('0') ? '1' : '0');
      const body = await expectErrorResponse(
        await h.post('/identity/residents', { name: '', idNumber: wrongCheck, phone: '12345', password: 'short' }),
        400,
        'ERR_VALIDATION',
      );
      const fields = Object.fromEntries((body.error.issues ?? []).map((i) => [i.field, i.reason]));
      expect(Object.keys(fields).sort()).toEqual([
        'body.code',
        'body.idNumber',
        'body.name',
        'body.password',
        'body.phone',
      ]);
      expect(fields['body.idNumber']).toMatch(/check digit.*\/ 身份证号码无效/);
      expect(fields['body.phone']).toMatch(/11-digit.*\/ .*手机/);
      expect(body.error.message).toEqual({ zh: '输入有误', en: expect.stringMatching(/^invalid input: /) });
    });

    it('never answers a user mistake with 500', async () => {
      const cases: [unknown, number][] = [
        ['{not json', 400],
        ['', 400],
        [[], 400],
        [null, 400],
        [42, 400],
        ['"text"', 400],
        [{ name: '王', idNumber: idNumber(5), phone: phone(5), extra: 1 }, 400],
        [{ name: 7, idNumber: {}, phone: [] }, 400],
        [{ name: '王', idNumber: idNumber(5), phone: phone(5), code: '123456', password: 'x'.repeat(129) }, 400],
        [{ name: '王', idNumber: idNumber(5), phone: phone(5), code: '12345' }, 400],
      ];
      for (const [body, status] of cases) {
        const res = await h.post('/identity/residents', typeof body === 'string' ? body : JSON.stringify(body));
        expect(res.status, JSON.stringify(body)).toBe(status);
        expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
          /^ERR_(VALIDATION|MALFORMED_JSON)$/,
        );
      }
      await expectErrorResponse(
        await h.post('/identity/residents', JSON.stringify({ name: 'x'.repeat(20_000) })),
        413,
        'ERR_BODY_TOO_LARGE',
      );
      await expectErrorResponse(await h.get('/identity/nothing-here'), 404, 'ERR_NOT_FOUND');
    });

    it('lets an admin create staff in their own organisation, and that staff log in', async () => {
      const token = await h.staffToken('a.admin');
      const res = await h.post(
        '/identity/staff',
        newStaff('a.new-clerk', COMMUNITY_A, ['clerk', 'back-office']),
        token,
      );
      expect(res.status, await res.clone().text()).toBe(201);
      expect(((await res.json()) as { account: unknown }).account).toEqual({
        kind: 'staff',
        sub: 'staff:a.new-clerk',
        account: 'a.new-clerk',
        name: '新同事',
        org: COMMUNITY_A,
        roles: ['clerk', 'back-office'],
      });
      const login = await h.login('staff', 'a.new-clerk', STAFF_PASSWORD);
      expect(login.account).toMatchObject({ org: COMMUNITY_A, roles: ['clerk', 'back-office'] });
    });

    it('lets an admin of a street or the district create staff anywhere below', async () => {
      expect(
        (await h.post('/identity/staff', newStaff('b.new', COMMUNITY_B), await h.staffToken('street.admin'))).status,
      ).toBe(201);
      expect(
        (
          await h.post(
            '/identity/staff',
            newStaff('health.director', 'dongcheng/dept/health', ['director']),
            await h.staffToken('root.admin'),
          )
        ).status,
      ).toBe(201);
    });

    it('refuses staff creation by a non-admin, a resident, or no one (401/403)', async () => {
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('x.one', COMMUNITY_A), await h.staffToken('a.clerk')),
        403,
        'ERR_FORBIDDEN',
      );
      const resident = await h.login('resident', phone(1), 'Resident-pass-2026');
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('x.two', COMMUNITY_A), resident.accessToken),
        403,
        'ERR_FORBIDDEN',
      );
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('x.three', COMMUNITY_A)),
        401,
        'ERR_UNAUTHENTICATED',
      );
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('x.four', COMMUNITY_A), 'garbage'),
        401,
        'ERR_TOKEN_INVALID',
      );
      expect(await h.store.getAccount('staff:x.one')).toBeUndefined();
    });

    it('refuses an admin of community A creating staff in community B, above A, or outside the district', async () => {
      const token = await h.staffToken('a.admin');
      for (const org of [COMMUNITY_B, 'dongcheng/jingshan', 'dongcheng', 'xicheng/other']) {
        const body = await expectErrorResponse(
          await h.post('/identity/staff', newStaff('sneaky', org, ['admin']), token),
          403,
          'ERR_SCOPE_FORBIDDEN',
        );
        expect(body.error.message.zh).toBe('超出本机构的管辖范围');
      }
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('sneaky', 'xicheng', ['admin']), await h.staffToken('root.admin')),
        403,
        'ERR_SCOPE_FORBIDDEN',
      );
      expect(await h.store.getAccount('staff:sneaky')).toBeUndefined();
    });

    it('lets a clerk who saw the ID card verify a resident: account and next tokens say so, the first clerk stands', async () => {
      const before = await h.login('resident', phone(1), 'Resident-pass-2026');
      expect(before.account).toMatchObject({ verified: false });
      expect(await (await h.get('/identity/me', before.accessToken)).json()).toMatchObject({
        principal: { kind: 'resident', verified: false },
      });
      const res = await h.post(
        '/identity/residents/verify',
        { idNumber: idNumber(1).toLowerCase(), name: '王小明', phone: phone(1) },
        await h.staffToken('a.clerk'),
      );
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toEqual({
        account: expect.objectContaining({ idNumber: idNumber(1), verified: true }),
        verification: { at: h.clock.now().toISOString(), by: 'staff:a.clerk', org: COMMUNITY_A },
      });
      const after = await h.login('resident', idNumber(1), 'Resident-pass-2026');
      expect(await (await h.get('/identity/me', after.accessToken)).json()).toMatchObject({
        principal: { verified: true },
      });
      // A token from before gets the claim at its next refresh.
      const refreshed = (await (await h.post('/identity/refresh', { refreshToken: before.refreshToken })).json()) as {
        accessToken: string;
      };
      expect(await (await h.get('/identity/me', refreshed.accessToken)).json()).toMatchObject({
        principal: { verified: true },
      });
      const again = await h.post(
        '/identity/residents/verify',
        { idNumber: idNumber(1), name: '王小明', phone: phone(1) },
        await h.staffToken('b.clerk'),
      );
      expect(((await again.json()) as { verification: { by: string } }).verification.by).toBe('staff:a.clerk');
    });

    it('refuses verification when name or phone differ from the account, or no account has the ID number, writing nothing', async () => {
      const clerk = await h.staffToken('b.clerk');
      const wrong = await expectErrorResponse(
        await h.post('/identity/residents/verify', { idNumber: idNumber(2), name: '赵大', phone: phone(9) }, clerk),
        400,
        'ERR_VALIDATION',
      );
      expect(wrong.error.issues?.map((i) => i.field)).toEqual(['body.name', 'body.phone']);
      expect(wrong.error.issues?.[1]?.reason).toMatch(/手机号不符/);
      const unknown = await expectErrorResponse(
        await h.post('/identity/residents/verify', { idNumber: idNumber(77), name: '赵六', phone: phone(2) }, clerk),
        404,
        'ERR_NOT_FOUND',
      );
      expect(unknown.error.issues?.[0]?.field).toBe('body.idNumber');
      await expectErrorResponse(
        await h.post('/identity/residents/verify', { idNumber: idNumber(2), name: '赵六' }, clerk),
        400,
        'ERR_VALIDATION',
      );
      expect((await h.store.findResident('idNumber', idNumber(2)))?.verification).toBeUndefined();
    });

    it('lets only clerks verify: not an admin without the clerk role, a resident, or no one', async () => {
      const body = { idNumber: idNumber(2), name: '赵六', phone: phone(2) };
      await expectErrorResponse(
        await h.post('/identity/residents/verify', body, await h.staffToken('a.admin')),
        403,
        'ERR_FORBIDDEN',
      );
      const self = await h.post('/identity/otp/request', { phone: phone(2) });
      expect(self.status).toBe(202);
      const otp = (await (
        await h.post('/identity/otp/login', { phone: phone(2), code: h.lastCode(phone(2)) })
      ).json()) as { accessToken: string };
      await expectErrorResponse(
        await h.post('/identity/residents/verify', body, otp.accessToken),
        403,
        'ERR_FORBIDDEN',
      );
      await expectErrorResponse(await h.post('/identity/residents/verify', body), 401, 'ERR_UNAUTHENTICATED');
      expect((await h.store.findResident('phone', phone(2)))?.verification).toBeUndefined();
    });

    it('refuses a taken staff account name and unknown roles', async () => {
      const token = await h.staffToken('a.admin');
      await expectErrorResponse(
        await h.post('/identity/staff', newStaff('a.clerk', COMMUNITY_A), token),
        409,
        'ERR_ACCOUNT_EXISTS',
      );
      const body = await expectErrorResponse(
        await h.post('/identity/staff', newStaff('ok.name', COMMUNITY_A, ['root']), token),
        400,
        'ERR_VALIDATION',
      );
      expect(body.error.issues?.[0]?.field).toBe('body.roles.0');
    });
  });
}
