import type { Account } from './store/identity-store.js';

/** An account as it may be shown to its owner or an admin: everything but the verifier. */
export function accountView(a: Account) {
  return a.kind === 'staff'
    ? { kind: a.kind, sub: a.sub, account: a.account, name: a.name, org: a.org, roles: a.roles }
    : {
        kind: a.kind,
        sub: a.sub,
        name: a.name,
        idNumber: a.idNumber,
        phone: a.phone,
        hasPassword: a.verifier !== null,
        verified: a.verification !== undefined,
      };
}
