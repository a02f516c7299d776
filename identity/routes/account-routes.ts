import { z } from 'zod';
import { anyone, HallnetError, isWithin, staff } from '../../sync/index.js';
import { idNumberSchema, newPasswordSchema, phoneSchema, realNameSchema } from '../account-fields.js';
import { accountView } from '../account-view.js';
import { createStaffAccount, newStaffSchema } from '../create-staff-account.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';
import type { ResidentAccount } from '../store/identity-store.js';

const signUpBody = z.strictObject({
  name: realNameSchema,
  idNumber: idNumberSchema,
  phone: phoneSchema,
  /** The code sent to the phone by POST /identity/residents/code: the phone is the resident's. */
  code: z.string().regex(/^\d{6}$/, 'the 6-digit code sent to the phone / 须为手机收到的 6 位验证码'),
  /** Optional: a resident may log in with SMS codes only. */
  password: newPasswordSchema.optional(),
});
const signUpCodeBody = z.strictObject({ phone: phoneSchema });

const CODE_RESEND_MS = 60_000;
const CODES_PER_DAY = 10;

const takenReason = {
  phone: 'already has an account / 该手机号已注册',
  idNumber: 'already has an account / 该身份证号已注册',
  sub: 'try again / 请重试',
} as const;

// A sign-up code is kept apart from the phone's login code: it never logs anyone in.
const signUpKey = (phone: string) => `signup:${phone}`;

/** Sign-up for residents (open to anyone) and staff accounts (made by an admin within their own subtree). */
export function registerAccountRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'post',
      path: '/identity/residents/code',
      tag: 'accounts',
      summary: 'Send a six-digit code to the phone a resident signs up with',
      access: anyone,
      body: signUpCodeBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      await s.limitKey(`signup-phone:${body.phone}`, 1, CODE_RESEND_MS);
      await s.limitKey(`signup-phone-day:${body.phone}`, CODES_PER_DAY, 86_400_000);
      // The same answer whether or not the phone has an account: only its owner learns it, by SMS.
      if (await s.store.findResident('phone', body.phone))
        await s.sender.send({ phone: body.phone, template: 'signup-exists', params: {} });
      else await s.codes.send(body.phone, { key: signUpKey(body.phone), template: 'signup-code' });
      return c.json({ sent: true, expiresInSeconds: s.codes.ttlSeconds }, 202);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/residents',
      tag: 'accounts',
      summary: 'A resident signs up with real name, resident ID number and a phone proven by the code sent to it',
      access: anyone,
      body: signUpBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      // The phone first: until it is proven, nothing is said about which numbers are registered.
      await s.codes.check(signUpKey(body.phone), body.code);
      const account: ResidentAccount = {
        kind: 'resident',
        sub: `resident:${crypto.randomUUID()}`,
        name: body.name,
        idNumber: body.idNumber,
        phone: body.phone,
        verifier: body.password === undefined ? null : await s.hasher.hash(body.password),
        createdAt: s.clock().getTime(),
      };
      const r = await s.store.createAccount(account);
      if (!r.ok) {
        throw new HallnetError('ERR_ACCOUNT_EXISTS', `${r.taken} is taken`, {
          issues: [{ field: `body.${r.taken}`, reason: takenReason[r.taken] }],
        });
      }
      s.logger?.info({ sub: account.sub }, 'resident signed up');
      return c.json({ account: accountView(account) }, 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/staff',
      tag: 'accounts',
      summary: "An admin creates a staff account in the admin's organisation or below",
      access: staff('admin'),
      body: newStaffSchema,
    },
    async (c, { body, principal }) => {
      const admin = principal!;
      if (admin.kind !== 'staff' || !isWithin(body.org, admin.org)) {
        throw new HallnetError(
          'ERR_SCOPE_FORBIDDEN',
          `${body.org} is outside ${admin.kind === 'staff' ? admin.org : 'any organisation of yours'}`,
          {
            issues: [
              { field: 'body.org', reason: "outside the admin's organisation / 不在管理员所属机构及其下级范围内" },
            ],
          },
        );
      }
      if (!isWithin(body.org, s.district)) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${body.org} is outside the district ${s.district}`);
      }
      const account = await createStaffAccount(s, body, `staff:${admin.id}`);
      s.logger?.info(
        { sub: account.sub, org: account.org, roles: account.roles, by: admin.id },
        'staff account created',
      );
      return c.json({ account: accountView(account) }, 201);
    },
  );
}
