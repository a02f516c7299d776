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
