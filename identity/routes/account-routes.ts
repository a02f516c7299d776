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
  /** Optional: a resident may log in with SMS codes only. */
  password: newPasswordSchema.optional(),
});

const takenReason = {
  phone: 'already has an account / 该手机号已注册',
  idNumber: 'already has an account / 该身份证号已注册',
  sub: 'try again / 请重试',
} as const;

/** Sign-up for residents (open to anyone) and staff accounts (made by an admin within their own subtree). */
export function registerAccountRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    { method: 'post', path: '/identity/residents', tag: 'accounts', summary: 'A resident signs up with real name, resident ID number and phone', access: anyone, body: signUpBody },
    async (c, { body }) => {
      await s.limitAddress(c);
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
        throw new HallnetError('ERR_ACCOUNT_EXISTS', `${r.taken} is taken`, { issues: [{ field: `body.${r.taken}`, reason: takenReason[r.taken] }] });
      }
      s.logger?.info({ sub: account.sub }, 'resident signed up');
      return c.json({ account: accountView(account) }, 201);
    },
  );

  routes.add(
    { method: 'post', path: '/identity/staff', tag: 'accounts', summary: "An admin creates a staff account in the admin's organisation or below", access: staff('admin'), body: newStaffSchema },
    async (c, { body, principal }) => {
      const admin = principal!;
      if (admin.kind !== 'staff' || !isWithin(body.org, admin.org)) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${body.org} is outside ${admin.kind === 'staff' ? admin.org : 'any organisation of yours'}`, {
          issues: [{ field: 'body.org', reason: "outside the admin's organisation / 不在管理员所属机构及其下级范围内" }],
        });
      }
      if (!isWithin(body.org, s.district)) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${body.org} is outside the district ${s.district}`);
      }
      const account = await createStaffAccount(s, body, `staff:${admin.id}`);
      s.logger?.info({ sub: account.sub, org: account.org, roles: account.roles, by: admin.id }, 'staff account created');
      return c.json({ account: accountView(account) }, 201);
    },
  );
}
