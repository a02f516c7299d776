// Password and SMS-code login, lockout and rate limits over app.request(); run per store adapter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, RESIDENT_PASSWORD, STAFF_PASSWORD, type Harness } from './app-harness.js';
import { expectErrorResponse, idNumber, phone } from './identity-fixtures.js';
import type { StoreFactory } from './store-contract.js';

const MINUTE = 60_000;

/** The login endpoints, over stores from `factory`. */
export function describeLoginEndpoints(name: string, factory: StoreFactory): void {
  describe(`identity login (${name} store)`, () => {
    let h: Harness;
    const login = (kind: 'staff' | 'resident', id: string, password: string, client?: string) =>
      h.post('/identity/login', { kind, login: id, password }, undefined, client ? { 'x-test-client': client } : {});
    beforeAll(async () => {
      h = await makeHarness(factory);
      for (const n of [10, 11, 12, 13]) await h.signUp({ idNumber: idNumber(n), phone: phone(n) });
    });
    afterAll(() => h.close());

    it('logs a resident in by phone or by ID number, and a member of staff by account', async () => {
      const byPhone = await h.login('resident', phone(10), RESIDENT_PASSWORD);
      const byId = await h.login('resident', idNumber(10).toLowerCase(), RESIDENT_PASSWORD);
      expect(byPhone.account.sub).toBe(byId.account.sub);
      expect(byPhone).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 600,
        refreshToken: expect.stringMatching(/^[\w-]{43}$/),
      });
      const me = await h.get('/identity/me', byPhone.accessToken);
      expect(await me.json()).toEqual({
        principal: {
          kind: 'resident',
          id: expect.any(String),
          name: '王小明',
          idNumber: idNumber(10),
          phone: phone(10),
          verified: false,
        },
      });
      const staff = await h.login('staff', 'a.clerk', STAFF_PASSWORD);
      expect(await (await h.get('/identity/me', staff.accessToken)).json()).toEqual({
        principal: {
          kind: 'staff',
          id: 'a.clerk',
          name: '工作人员',
          org: 'dongcheng/jingshan/huangchenggen',
          roles: ['clerk'],
        },
      });
    });

    it('answers a wrong password and an unknown account alike', async () => {
      const wrong = await expectErrorResponse(await login('resident', phone(11), 'nope-nope'), 401, 'ERR_LOGIN_FAILED');
      const unknown = await expectErrorResponse(
        await login('resident', phone(99), 'nope-nope'),
        401,
        'ERR_LOGIN_FAILED',
      );
      expect(unknown).toEqual(wrong);
      await expectErrorResponse(await login('staff', 'no.such', 'nope-nope'), 401, 'ERR_LOGIN_FAILED');
      // A staff name is not a resident login and the reverse.
      await expectErrorResponse(await login('resident', 'a.clerk', STAFF_PASSWORD), 400, 'ERR_VALIDATION');
      await expectErrorResponse(await login('staff', phone(10), RESIDENT_PASSWORD), 401, 'ERR_LOGIN_FAILED');
    });

    it('makes an address wait after five wrong passwords, longer with each further one, while the owner at his own address logs in', async () => {
      const owner = '198.51.100.1';
      const stranger = '203.0.113.66';
      await h.login('resident', phone(12), RESIDENT_PASSWORD); // from the owner's address: it is known now
      for (let i = 1; i <= 5; i++)
        await expectErrorResponse(
          await login('resident', phone(12), `wrong-${i}-pass`, stranger),
          401,
          'ERR_LOGIN_FAILED',
        );
      const sixth = await login('resident', idNumber(12), RESIDENT_PASSWORD, stranger);
      expect(sixth.headers.get('retry-after')).toBe('60');
      await expectErrorResponse(sixth, 429, 'ERR_LOCKED_OUT');
      // The stranger's failures never hold the owner back.
      expect((await login('resident', phone(12), RESIDENT_PASSWORD, owner)).status).toBe(200);
      h.clock.advance(MINUTE);
      await expectErrorResponse(await login('resident', phone(12), 'wrong-6-pass', stranger), 401, 'ERR_LOGIN_FAILED');
      const longer = await login('resident', phone(12), RESIDENT_PASSWORD, stranger);
      expect(longer.headers.get('retry-after')).toBe('120');
      await expectErrorResponse(longer, 429, 'ERR_LOCKED_OUT');
      h.clock.advance(2 * MINUTE);
      expect((await login('resident', phone(12), RESIDENT_PASSWORD, stranger)).status).toBe(200);
    });

    it('counts only wrong passwords in a row: a success starts the count again', async () => {
      for (let round = 0; round < 2; round++) {
        for (let i = 1; i <= 4; i++)
          await expectErrorResponse(await login('staff', 'b.clerk', `wrong-${i}-pass`), 401, 'ERR_LOGIN_FAILED');
        await h.login('staff', 'b.clerk', STAFF_PASSWORD);
      }
    });

    it('holds one address back however many guesses it sends at once', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login('resident', phone(13), `parallel-${i}`, '203.0.113.77')),
      );
      expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
      expect(answers.filter((r) => r.status === 429)).toHaveLength(7);
      await expectErrorResponse(
        await login('resident', phone(13), RESIDENT_PASSWORD, '203.0.113.77'),
        429,
        'ERR_LOCKED_OUT',
      );
    });

    it('slows guessing spread over many addresses, but never at an address the account logged in from', async () => {
      await h.login('staff', 'a.admin', STAFF_PASSWORD);
      for (let i = 0; i < 20; i++)
        await expectErrorResponse(
          await login('staff', 'a.admin', 'spread-guess', `192.0.2.${i + 1}`),
          401,
          'ERR_LOGIN_FAILED',
        );
      await expectErrorResponse(await login('staff', 'a.admin', STAFF_PASSWORD, '192.0.2.200'), 429, 'ERR_LOCKED_OUT');
      expect((await login('staff', 'a.admin', STAFF_PASSWORD)).status).toBe(200);
    });

    it('logs in with a six-digit SMS code, once', async () => {
      const req = await h.post('/identity/otp/request', { phone: phone(10) });
      expect(req.status).toBe(202);
      expect(await req.json()).toEqual({ sent: true, expiresInSeconds: 300 });
      const sms = h.sent.at(-1)!;
      expect(sms).toMatchObject({
        phone: phone(10),
        template: 'login-code',
        params: { code: expect.stringMatching(/^\d{6}$/), minutes: '5' },
      });
      const ok = await h.post('/identity/otp/login', { phone: phone(10), code: sms.params.code });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { account: { phone: string } }).account.phone).toBe(phone(10));
      await expectErrorResponse(
        await h.post('/identity/otp/login', { phone: phone(10), code: sms.params.code }),
        401,
        'ERR_OTP_INVALID',
      );
    });

    it('kills a code after five wrong tries: the right one fails after', async () => {
      h.clock.advance(MINUTE);
      await h.post('/identity/otp/request', { phone: phone(11) });
      const code = h.lastCode(phone(11));
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < 5; i++)
        await expectErrorResponse(
          await h.post('/identity/otp/login', { phone: phone(11), code: wrong }),
          401,
          'ERR_OTP_INVALID',
        );
      await expectErrorResponse(
        await h.post('/identity/otp/login', { phone: phone(11), code }),
        401,
        'ERR_OTP_INVALID',
      );
    });

    it('lets a code expire after five minutes and replaces a code with a newer one', async () => {
      h.clock.advance(MINUTE);
      await h.post('/identity/otp/request', { phone: phone(12) });
      const first = h.lastCode(phone(12));
      h.clock.advance(MINUTE);
      await h.post('/identity/otp/request', { phone: phone(12) });
      const second = h.lastCode(phone(12));
      if (first !== second)
        await expectErrorResponse(
          await h.post('/identity/otp/login', { phone: phone(12), code: first }),
          401,
          'ERR_OTP_INVALID',
        );
      h.clock.advance(5 * MINUTE + 1);
      await expectErrorResponse(
        await h.post('/identity/otp/login', { phone: phone(12), code: second }),
        401,
        'ERR_OTP_INVALID',
      );
    });

    it('answers an unregistered phone like a registered one but sends nothing, and limits sends per phone', async () => {
      h.clock.advance(MINUTE);
      const before = h.sent.length;
      const res = await h.post('/identity/otp/request', { phone: phone(98) });
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 202,
        body: { sent: true, expiresInSeconds: 300 },
      });
      expect(h.sent.length).toBe(before);
      await h.post('/identity/otp/request', { phone: phone(13) });
      await expectErrorResponse(await h.post('/identity/otp/request', { phone: phone(13) }), 429, 'ERR_RATE_LIMITED');
      h.clock.advance(MINUTE);
      expect((await h.post('/identity/otp/request', { phone: phone(13) })).status).toBe(202);
    });

    it('limits requests per client address in a window kept in the store, shared by every instance', async () => {
      const limited = await makeHarness(factory, { store: h.store, perAddress: { limit: 3, windowSeconds: 60 } });
      const twin = await makeHarness(factory, { store: h.store, perAddress: { limit: 3, windowSeconds: 60 } });
      limited.clock.set(h.clock.now());
      twin.clock.set(h.clock.now());
      const from = { 'x-test-client': '203.0.113.9' };
      for (let i = 0; i < 2; i++)
        expect(
          (await limited.post('/identity/otp/login', { phone: phone(10), code: '123456' }, undefined, from)).status,
        ).toBe(401);
      expect(
        (await twin.post('/identity/otp/login', { phone: phone(10), code: '123456' }, undefined, from)).status,
      ).toBe(401);
      await expectErrorResponse(
        await twin.post(
          '/identity/login',
          { kind: 'resident', login: phone(10), password: RESIDENT_PASSWORD },
          undefined,
          from,
        ),
        429,
        'ERR_RATE_LIMITED',
      );
      expect(
        (
          await limited.post(
            '/identity/login',
            { kind: 'resident', login: phone(10), password: RESIDENT_PASSWORD },
            undefined,
            { 'x-test-client': '203.0.113.10' },
          )
        ).status,
      ).toBe(200);
      limited.clock.advance(MINUTE);
      expect(
        (
          await limited.post(
            '/identity/login',
            { kind: 'resident', login: phone(10), password: RESIDENT_PASSWORD },
            undefined,
            from,
          )
        ).status,
      ).toBe(200);
    });
  });
}
