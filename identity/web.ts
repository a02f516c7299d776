// The identity service on Web standards only: this entry and what it imports run on Node and on
// Workers alike (web-only-core.test.ts holds it to that). The node PKI (node-forge) is in ./index.js,
// Node-only adapters (PouchDB store, scrypt, socket address) in ./adapter/node/index.js, the
// Workers adapters (D1 store) in ./adapter/workers/index.js.
export { createIdentityApp } from './create-identity-app.js';
export type { IdentityAppOptions } from './create-identity-app.js';
export type { IdentityEnv } from './identity-env.js';
export { verifyAccessToken } from './verify-access-token.js';
export type { VerifyAccessTokenOptions } from './verify-access-token.js';
export { issueAccessToken } from './issue-access-token.js';
export type { IssueAccessTokenOptions } from './issue-access-token.js';
export { currentJwks } from './current-jwks.js';
export { SigningKeys } from './signing-keys.js';
export type { SigningKeysOptions } from './signing-keys.js';
export { createStaffAccount, newStaffSchema } from './create-staff-account.js';
export type { NewStaff } from './create-staff-account.js';
export { staffChangeSchema } from './routes/staff-lifecycle-routes.js';
export type { StaffChangeRequest } from './routes/staff-lifecycle-routes.js';
export { phoneSchema } from './account-fields.js';
export { STAFF_ROLES, staffRoleSchema } from './principal.js';
export type { StaffRole, Principal } from './principal.js';
export { ACCESS_AUDIENCE, DEFAULT_ISSUER } from './lib/access-token-rules.js';
export { createMemoryIdentityStore } from './store/memory-identity-store.js';
export type {
  IdentityStore,
  Account,
  ResidentAccount,
  ResidentVerification,
  StaffAccount,
  CreateAccountResult,
  RefreshRecord,
  Counter,
  OtpRecord,
  SigningKeyRecord,
} from './store/identity-store.js';
export type { PasswordHasher } from './password-hasher.js';
export { createPbkdf2Hasher, PBKDF2_MIN_ITERATIONS } from './pbkdf2-hasher.js';
export { createNobleScryptHasher } from './noble-scrypt-hasher.js';
export type { Notice, NoticeSender } from './notice-sender.js';
export { createHttpNoticeSender } from './http-notice-sender.js';
export type { HttpNoticeSenderOptions } from './http-notice-sender.js';
export type { IdentityLogger } from './identity-logger.js';
export { sealSigningKeys } from './store/seal-signing-keys.js';
export { IDENTITY_MAX_BODY_BYTES, RELAY_HEADERS } from './relay-headers.js';
export { LoginGuard } from './login-guard.js';
export type { LoginGuardOptions, LoginAttempt, GuardCounters } from './login-guard.js';
