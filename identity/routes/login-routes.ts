import { z } from 'zod';
import { anyone, HallnetError } from '../../sync/index.js';
import { loginPasswordSchema, phoneSchema, staffAccountSchema } from '../account-fields.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';
import type { Account } from '../store/identity-store.js';

const loginBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('resident'),
    /** The phone number or the resident ID number. */
    login: z
      .string()
      .trim()
      .toUpperCase()
      .min(11, 'a phone or ID number / 手机号或身份证号')
      .max(18, 'a phone or ID number / 手机号或身份证号'),
    password: loginPasswordSchema,
  }),
  z.strictObject({ kind: z.literal('staff'), login: staffAccountSchema, password: loginPasswordSchema }),
]);
const otpRequestBody = z.strictObject({ phone: phoneSchema });
const otpLoginBody = z.strictObject({
  phone: phoneSchema,
  code: z.string().regex(/^\d{6}$/, 'must be 6 digits / 须为 6 位数字'),
});

const OTP_RESEND_MS = 60_000;
const OTP_PER_DAY = 10;

/** Login with a password, and with a six-digit code sent by SMS. */
export function registerLoginRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'post',
      path: '/identity/login',
      tag: 'login',
      summary: 'Log in with a password: residents by phone or ID number, staff by account',
      access: anyone,
      body: loginBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      const account: Account | undefined =
        body.kind === 'staff'
          ? await s.store.getAccount(`staff:${body.login}`)
          : await s.store.findResident(/^\d{11}$/.test(body.login) ? 'phone' : 'idNumber', body.login);
      // Unknown names are counted under the name itself, so a wait does not tell whether an account exists.
      const guardKey = account?.sub ?? `unknown:${body.kind}:${body.login}`;
      // Counted per account and address: a stranger's wrong guesses make him wait, not the account's owner.
      const attempt = await s.guard.begin(guardKey, s.address(c));
      // Hash even without an account or a password, so timing does not tell which accounts exist.
      const ok = await s.hasher.verify(body.password, account?.verifier ?? (await s.dummyVerifier()));
      if (!account || account.verifier === null || !ok) {
        await s.guard.failed(attempt);
        s.logger?.warn({ kind: body.kind, sub: account?.sub, address: attempt.address }, 'login failed');
        throw new HallnetError('ERR_LOGIN_FAILED');
      }
      await s.guard.succeeded(attempt);
      // Told only to whoever knows the password: a disabled account is no secret to its owner.
      if (account.kind === 'staff' && account.disabled) throw new HallnetError('ERR_ACCOUNT_DISABLED');
      s.logger?.info({ sub: account.sub }, 'logged in with password');
      return c.json(await s.grant(account, await s.sessions.start(account.sub)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/otp/request',
      tag: 'login',
      summary: "Send a six-digit login code to a resident's phone",
      access: anyone,
      body: otpRequestBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      await s.limitKey(`otp-phone:${body.phone}`, 1, OTP_RESEND_MS);
      await s.limitKey(`otp-phone-day:${body.phone}`, OTP_PER_DAY, 86_400_000);
      // The same answer whether or not the phone has an account; only registered phones get an SMS.
      const resident = await s.store.findResident('phone', body.phone);
      if (resident) await s.codes.send(body.phone);
      return c.json({ sent: true, expiresInSeconds: s.codes.ttlSeconds }, 202);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/otp/login',
      tag: 'login',
      summary: 'Log in with the code sent by SMS: single use, five minutes, five tries',
      access: anyone,
      body: otpLoginBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      await s.codes.check(body.phone, body.code);
      const resident = await s.store.findResident('phone', body.phone);
      if (!resident) throw new HallnetError('ERR_OTP_INVALID');
      s.logger?.info({ sub: resident.sub }, 'logged in with SMS code');
      return c.json(await s.grant(resident, await s.sessions.start(resident.sub)));
    },
  );
}
