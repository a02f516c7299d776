import { z } from 'zod';
import { actorSchema, anyone, HallnetError, isWithin, node, orgPathSchema, staffRoleSchema } from '../../sync/index.js';
import { newPasswordSchema, phoneSchema, staffAccountSchema } from '../account-fields.js';
import { createStaffAccount, newStaffSchema } from '../create-staff-account.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';
import { randomToken } from '../lib/bytes.js';
import type { StaffAccount, StaffChange, StaffHistoryEntry } from '../store/identity-store.js';

const roles = z
  .array(staffRoleSchema)
  .min(1, 'at least one role / 至少一个角色')
  .refine((r) => new Set(r).size === r.length, 'roles must not repeat / 角色不能重复');

/** What an admin does to a member of staff; the node he acts at sends it, having checked him. */
export const staffChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('disable') }),
  z.strictObject({ kind: z.literal('enable') }),
  z.strictObject({ kind: z.literal('move'), to: orgPathSchema }),
  z.strictObject({ kind: z.literal('roles'), roles }),
  z.strictObject({ kind: z.literal('phone'), phone: phoneSchema }),
  z.strictObject({ kind: z.literal('reset-password') }),
]);
/** One of staffChangeSchema. */
export type StaffChangeRequest = z.infer<typeof staffChangeSchema>;

const changeBody = z.strictObject({ account: staffAccountSchema, change: staffChangeSchema, by: actorSchema });
const createBody = z.strictObject({ staff: newStaffSchema.extend({ phone: phoneSchema.optional() }), by: actorSchema });
const accountsQuery = z.strictObject({ org: orgPathSchema });
const passwordBody = z.strictObject({
  account: staffAccountSchema,
  code: z.string().regex(/^\d{6}$/, 'must be 6 digits / 须为 6 位数字'),
  password: newPasswordSchema,
});

/** The key a staff account's password-reset code is kept under: never a phone, so it cannot log anyone in. */
const resetKey = (account: string) => `staff-reset:${account}`;

/** A member of staff as an admin's page shows him: never the verifier, the phone only by its last digits. */
export function staffView(a: StaffAccount) {
  return {
    account: a.account,
    name: a.name,
    org: a.org,
    roles: a.roles,
    disabled: a.disabled === true,
    phone: a.phone ? `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}` : null,
    validFrom: a.validFrom === undefined ? null : new Date(a.validFrom).toISOString(),
    createdBy: a.createdBy,
    createdAt: new Date(a.createdAt).toISOString(),
    history: (a.history ?? []).map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}

/** Why a node may not act on `org` for the admin `by`: outside the node, or outside the admin. */
function scopeProblem(org: string, nodeOrg: string, by: { org: string }): string | undefined {
  if (!isWithin(org, nodeOrg)) return `${org} is outside the calling node's ${nodeOrg}`;
  if (!isWithin(org, by.org)) return `${org} is outside the admin's ${by.org}`;
  return undefined;
}

/**
 * The staff lifecycle, called by the node an admin acts at (which has checked his token and his
 * staff.manage right over its subtree, and records the change as a replicated, signed document):
 * create, disable, enable, move, change roles, set a phone, start a password reset (a code to the
 * clerk's phone); and the clerk finishing the reset with the code. Every change but a phone voids
 * the account's earlier logins and tokens (`validFrom`): its refresh tokens die here at once.
 */
export function registerStaffLifecycleRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'get',
      path: '/identity/node-staff/accounts',
      tag: 'staff',
      summary: "The staff of a subtree of the calling node's organisation, without verifiers, for its admins' pages",
      access: node,
      query: accountsQuery,
    },
    async (c, { query, nodeOrg }) => {
      if (!isWithin(query.org, nodeOrg!)) {
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${query.org} is outside ${nodeOrg}`, {
          issues: [{ field: 'query.org', reason: "outside the calling node's organisation / 超出本节点机构范围" }],
        });
      }
      c.header('Cache-Control', 'no-store');
      return c.json({ org: query.org, items: (await s.store.listStaffWithin(query.org)).map(staffView) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/node-staff/accounts',
      tag: 'staff',
      summary: "An admin, through the node he acts at, creates a member of staff in the node's subtree and his own",
      access: node,
      body: createBody,
    },
    async (c, { body, nodeOrg }) => {
      const problem =
        scopeProblem(body.staff.org, nodeOrg!, body.by) ??
        (isWithin(body.staff.org, s.district) ? undefined : `${body.staff.org} is outside the district`);
      if (problem)
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', problem, {
          issues: [
            { field: 'body.staff.org', reason: "outside the admin's organisation / 不在管理员所属机构及其下级范围内" },
          ],
        });
      const { phone, ...fields } = body.staff;
      const created = await createStaffAccount(s, fields, `staff:${body.by.id}`);
      const by = { id: body.by.id, name: body.by.name ?? body.by.id, org: body.by.org };
      const record = {
        at: s.clock().getTime(),
        by,
        node: nodeOrg!,
        change: 'create',
        to: `${created.org} ${created.roles.join(',')}`,
      };
      const account = (await s.store.updateStaff(created.sub, { ...(phone ? { phone } : {}), record })) ?? created;
      s.logger?.info(
        { sub: account.sub, org: account.org, roles: account.roles, by: body.by.id, node: nodeOrg },
        'staff account created',
      );
      return c.json({ account: staffView(account) }, 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/node-staff/changes',
      tag: 'staff',
      summary:
        'An admin, through the node he acts at, disables, enables, moves, re-roles a member of staff of both their subtrees, sets his phone or starts a password reset',
      access: node,
      body: changeBody,
    },
    async (c, { body, nodeOrg }) => {
      const sub = `staff:${body.account}`;
      const account = await s.store.getAccount(sub);
      if (account?.kind !== 'staff')
        throw new HallnetError('ERR_NOT_FOUND', `no staff account ${body.account}`, {
          issues: [{ field: 'body.account', reason: 'no such staff account / 无此工作人员账号' }],
        });
      const scope = scopeProblem(account.org, nodeOrg!, body.by);
      if (scope)
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', scope, {
          issues: [
            {
              field: 'body.account',
              reason: "not a member of staff of the admin's subtree / 不是本管理员所辖机构的工作人员",
            },
          ],
        });
      const now = s.clock().getTime();
      const change = body.change;
      let patch: Omit<StaffChange, 'record'>;
      let record: Pick<StaffHistoryEntry, 'from' | 'to'> = {};
      switch (change.kind) {
        case 'disable':
          patch = { disabled: true, validFrom: now };
          break;
        case 'enable':
          patch = { disabled: false, validFrom: now };
          break;
        case 'move': {
          const where = scopeProblem(change.to, nodeOrg!, body.by);
          if (where)
            throw new HallnetError('ERR_SCOPE_FORBIDDEN', where, {
              issues: [
                {
                  field: 'body.change.to',
                  reason: "outside the admin's organisation / 不在管理员所属机构及其下级范围内",
                },
              ],
            });
          patch = { org: change.to, validFrom: now };
          record = { from: account.org, to: change.to };
          break;
        }
        case 'roles':
          patch = { roles: change.roles, validFrom: now };
          record = { from: account.roles.join(','), to: change.roles.join(',') };
          break;
        case 'phone':
          patch = { phone: change.phone };
          break;
        case 'reset-password':
          if (!account.phone) throw new HallnetError('ERR_STAFF_NO_PHONE', `${body.account} has no phone`);
          // The old password stops at once, everywhere its verifier reaches; the code sets a new one.
          patch = { verifier: await s.hasher.hash(randomToken()), validFrom: now };
          break;
      }
      const by = { id: body.by.id, name: body.by.name ?? body.by.id, org: body.by.org };
      const after = await s.store.updateStaff(sub, {
        ...patch,
        record: { at: now, by, node: nodeOrg!, change: change.kind, ...record },
      });
      if (!after) throw new HallnetError('ERR_NOT_FOUND', `no staff account ${body.account}`);
      if (change.kind === 'reset-password')
        await s.codes.send(after.phone!, { key: resetKey(after.account), template: 'staff-password-reset' });
      s.logger?.info(
        { sub, change: change.kind, by: body.by.id, byOrg: body.by.org, node: nodeOrg },
        'staff account changed',
      );
      return c.json({ account: staffView(after) });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/identity/staff/password',
      tag: 'staff',
      summary: 'A member of staff sets a new password with the code his admin had sent to his phone',
      access: anyone,
      body: passwordBody,
    },
    async (c, { body }) => {
      await s.limitAddress(c);
      await s.limitKey(`staff-reset-tries:${body.account}`, 10, 3_600_000);
      await s.codes.check(resetKey(body.account), body.code);
      const held = await s.store.getAccount(`staff:${body.account}`);
      if (held?.kind !== 'staff') throw new HallnetError('ERR_OTP_INVALID');
      const now = s.clock().getTime();
      const record = { at: now, by: { id: held.account, name: held.name, org: held.org }, change: 'password-set' };
      const after = await s.store.updateStaff(held.sub, {
        verifier: await s.hasher.hash(body.password),
        validFrom: now,
        record,
      });
      if (!after) throw new HallnetError('ERR_OTP_INVALID');
      s.logger?.info({ sub: after.sub }, 'staff password reset with a code');
      return c.json({ ok: true, account: after.account });
    },
  );
}
