export {
  createRootCa,
  createNodeKey,
  createCsr,
  issueCertificate,
  verifyNodeChain,
  signNodeToken,
  verifyNodeToken,
  writeKeyFile,
  readKeyFile,
} from './pki/index.js';
export type {
  CreateRootCaOptions,
  CreateCsrOptions,
  IssueCertificateOptions,
  VerifyNodeChainOptions,
  NodeIdentity,
  SignNodeTokenOptions,
  VerifyNodeTokenOptions,
  NodeTokenIdentity,
} from './pki/index.js';

// The identity service: Web standards only, so this entry also serves the Workers build.
// Node-only adapters (PouchDB store, scrypt, socket address) are in ./adapter/node/index.js.
export { createIdentityApp } from './create-identity-app.js';
export type { IdentityAppOptions } from './create-identity-app.js';
export type { IdentityEnv } from './define-routes.js';
export { verifyAccessToken } from './verify-access-token.js';
export type { VerifyAccessTokenOptions } from './verify-access-token.js';
export { issueAccessToken } from './issue-access-token.js';
export type { IssueAccessTokenOptions } from './issue-access-token.js';
export { currentJwks } from './current-jwks.js';
export { SigningKeys } from './signing-keys.js';
export type { SigningKeysOptions } from './signing-keys.js';
export { createStaffAccount, newStaffSchema } from './create-staff-account.js';
export type { NewStaff } from './create-staff-account.js';
export { STAFF_ROLES, staffRoleSchema } from './principal.js';
export type { StaffRole, Principal } from './principal.js';
export { ACCESS_AUDIENCE, DEFAULT_ISSUER } from './lib/token-rules.js';
export { createMemoryIdentityStore } from './store/memory-identity-store.js';
export type {
  IdentityStore,
  Account,
  ResidentAccount,
  StaffAccount,
  CreateAccountResult,
  RefreshRecord,
  Counter,
  OtpRecord,
  SigningKeyRecord,
} from './store/identity-store.js';
export type { PasswordHasher } from './password-hasher.js';
export { createPbkdf2Hasher, PBKDF2_MIN_ITERATIONS } from './pbkdf2-hasher.js';
export type { Notice, NoticeSender } from './notice-sender.js';
export { createHttpNoticeSender } from './http-notice-sender.js';
export type { HttpNoticeSenderOptions } from './http-notice-sender.js';
export type { IdentityLogger } from './identity-logger.js';
export { signGrant, GRANT_TYPE } from './grants/sign-grant.js';
export { verifyGrantChain } from './grants/verify-grant-chain.js';
export type { VerifyGrantChainOptions } from './grants/verify-grant-chain.js';
export { grantIdOf } from './grants/grant-id.js';
export { GrantBook } from './grants/grant-book.js';
export type { GrantBookOptions, Holding, RightsHolder } from './grants/grant-book.js';
export { issueGrant } from './grants/issue-grant.js';
