import { z } from 'zod';
import { HallnetError, orgPathSchema, parseOrThrow } from '../sync/index.js';
import { newPasswordSchema, realNameSchema, staffAccountSchema } from './account-fields.js';
import type { PasswordHasher } from './password-hasher.js';
import { staffRoleSchema } from './principal.js';
import type { IdentityStore, StaffAccount } from './store/identity-store.js';

/** What an admin gives to create a member of staff. */
export const newStaffSchema = z.strictObject({
  account: staffAccountSchema,
  name: realNameSchema,
  org: orgPathSchema,
  roles: z
    .array(staffRoleSchema)
    .min(1, 'at least one role / 至少一个角色')
    .refine((r) => new Set(r).size === r.length, 'roles must not repeat / 角色不能重复'),
  password: newPasswordSchema,
});
/** The input of createStaffAccount. */
export type NewStaff = z.input<typeof newStaffSchema>;

/**
 * Stores a new staff account with a hashed password. No scope check here: the endpoint checks the
 * admin's organisation; the command line calls this directly to make a district's first admin.
 */
export async function createStaffAccount(
  deps: { store: IdentityStore; hasher: PasswordHasher; clock: () => Date },
  input: NewStaff,
  createdBy: string,
): Promise<StaffAccount> {
  const s = parseOrThrow(newStaffSchema, input, { where: 'body' });
  const account: StaffAccount = {
    kind: 'staff',
    sub: `staff:${s.account}`,
    account: s.account,
    name: s.name,
    org: s.org,
    roles: s.roles,
    verifier: await deps.hasher.hash(s.password),
    createdAt: deps.clock().getTime(),
    createdBy,
  };
  const r = await deps.store.createAccount(account);
  if (!r.ok) {
    throw new HallnetError('ERR_ACCOUNT_EXISTS', `staff account ${s.account} exists`, {
      issues: [{ field: 'body.account', reason: 'already taken / 该账号已被使用' }],
    });
  }
  return account;
}
