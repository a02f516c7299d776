import { z } from 'zod';
import { HallnetError, staff, type FieldIssue } from '../../sync/index.js';
import { idNumberSchema, phoneSchema, realNameSchema } from '../account-fields.js';
import { accountView } from '../account-view.js';
import type { IdentityRoutes } from '../identity-env.js';
import type { IdentityServices } from '../identity-services.js';

const verifyBody = z.strictObject({
  /** As printed on the ID card the clerk holds. */
  idNumber: idNumberSchema,
  name: realNameSchema,
  /** The phone the resident says the account has: ties the person at the window to the account. */
  phone: phoneSchema,
});

const sameName = (a: string, b: string) => a.normalize('NFKC') === b.normalize('NFKC');

/**
 * Real-name assurance (实名核验): a clerk who has seen a resident's ID card at a window marks the
 * account with that ID number verified; from then on its access tokens carry `idv: true`.
 */
export function registerVerificationRoutes(routes: IdentityRoutes, s: IdentityServices): void {
  routes.add(
    {
      method: 'post',
      path: '/identity/residents/verify',
      tag: 'accounts',
      summary:
        "A clerk confirms a resident's real name after seeing the ID card in person; the name and the phone must match the account",
      access: staff('clerk'),
      body: verifyBody,
    },
    async (c, { body, principal }) => {
      const clerk = principal!;
      if (clerk.kind !== 'staff') throw new HallnetError('ERR_FORBIDDEN');
      const resident = await s.store.findResident('idNumber', body.idNumber);
      if (!resident) {
        throw new HallnetError('ERR_NOT_FOUND', 'no resident account has this ID number', {
          issues: [
            {
              field: 'body.idNumber',
              reason: 'no account yet: the resident signs up first / 该身份证号尚未注册，请居民先注册',
            },
          ],
        });
      }
      const issues: FieldIssue[] = [];
      if (!sameName(resident.name, body.name))
        issues.push({
          field: 'body.name',
          reason: 'not the name the account was signed up with / 与账户登记的姓名不符',
        });
      // A different phone means someone else may have signed up with this ID number: the clerk must not confirm it.
      if (resident.phone !== body.phone)
        issues.push({
          field: 'body.phone',
          reason: 'not the phone the account was signed up with / 与账户登记的手机号不符',
        });
      if (issues.length) {
        s.logger?.warn(
          { sub: resident.sub, by: clerk.id, org: clerk.org, fields: issues.map((i) => i.field) },
          'real-name verification refused: card does not match the account',
        );
        throw new HallnetError('ERR_VALIDATION', 'the ID card does not match the account', { issues });
      }
      const verified = await s.store.markResidentVerified(resident.sub, {
        at: s.clock().getTime(),
        by: `staff:${clerk.id}`,
        org: clerk.org,
      });
      if (!verified) throw new HallnetError('ERR_NOT_FOUND', 'the resident account is gone');
      s.logger?.info({ sub: verified.sub, by: clerk.id, org: clerk.org }, 'resident real name verified in person');
      return c.json({
        account: accountView(verified),
        verification: {
          at: new Date(verified.verification!.at).toISOString(),
          by: verified.verification!.by,
          org: verified.verification!.org,
        },
      });
    },
  );
}
