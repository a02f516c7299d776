// identity/ for Node: the node PKI and grants (node-forge), and the identity service of ./web.ts.
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
  crossCertify,
  verifyCrossCertificate,
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
  CrossCertifyOptions,
  VerifyCrossCertificateOptions,
} from './pki/index.js';

// The identity service itself, Web standards only: see ./web.ts, the entry the Worker uses.
export {
  createIdentityApp,
  verifyAccessToken,
  issueAccessToken,
  currentJwks,
  SigningKeys,
  createStaffAccount,
  newStaffSchema,
  staffChangeSchema,
  phoneSchema,
  STAFF_ROLES,
  staffRoleSchema,
  ACCESS_AUDIENCE,
  DEFAULT_ISSUER,
  createMemoryIdentityStore,
  createPbkdf2Hasher,
  PBKDF2_MIN_ITERATIONS,
  createNobleScryptHasher,
  createHttpNoticeSender,
  sealSigningKeys,
  IDENTITY_MAX_BODY_BYTES,
  RELAY_HEADERS,
  LoginGuard,
} from './web.js';
export type {
  IdentityAppOptions,
  IdentityEnv,
  VerifyAccessTokenOptions,
  IssueAccessTokenOptions,
  SigningKeysOptions,
  NewStaff,
  StaffChangeRequest,
  StaffRole,
  Principal,
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
  PasswordHasher,
  Notice,
  NoticeSender,
  HttpNoticeSenderOptions,
  IdentityLogger,
  LoginGuardOptions,
  LoginAttempt,
  GuardCounters,
} from './web.js';

// Grants sign and check with node-forge: Node only, like the PKI.
export { signGrant, GRANT_TYPE } from './grants/sign-grant.js';
export { verifyGrantChain } from './grants/verify-grant-chain.js';
export type { VerifyGrantChainOptions } from './grants/verify-grant-chain.js';
export { grantIdOf } from './grants/grant-id.js';
export { GrantBook } from './grants/grant-book.js';
export type { GrantBookOptions, Holding, RightsHolder } from './grants/grant-book.js';
export { issueGrant } from './grants/issue-grant.js';
