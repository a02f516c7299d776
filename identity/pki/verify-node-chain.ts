import { HallnetError, type Level, type OrgPath } from '../../sync/index.js';
import { assertSignedBy, assertValidAt, readCertFacts, type CertFacts } from './lib/cert-facts.js';
import { assertMayIssue, assertNodeCertShape } from './lib/issuance-policy.js';
import { derToPem, parseCertPem } from './lib/pem.js';

export interface VerifyNodeChainOptions {
  /** Leaf first; the root may be included at the end or left out. */
  chainPem: string[];
  /** The district root this verifier trusts. */
  rootPem: string;
  now?: Date;
  /** Asked with each link's serial in lowercase hex. */
  isRevoked?: (serialHex: string) => boolean;
}

/** Who a verified chain's leaf is. Everything here comes from certificates, never from a claim. */
export interface NodeIdentity {
  org: OrgPath;
  level: Level;
  serial: string;
  fingerprint: string;
  name: string;
  /** The verified chain as PEM, leaf first, root excluded. */
  chain: string[];
  /** Each link's serial in lowercase hex, in `chain`'s order: whoever caches a verified chain re-checks them all. */
  chainSerials: string[];
}

// root → street → community is the longest path the tree allows.
const MAX_LINKS = 2;

/**
 * Verifies a node's certificate chain up to the district root: signatures, validity at `now`,
 * CA rights and pathLen, each organisation inside its issuer's, levels that fit their paths, and
 * revocation of every link.
 */
export function verifyNodeChain(opts: VerifyNodeChainOptions): NodeIdentity {
  const now = opts.now ?? new Date();
  const root = readRoot(opts.rootPem);
  assertValidAt(root, now);

  if (!Array.isArray(opts.chainPem) || opts.chainPem.length === 0 || opts.chainPem.length > MAX_LINKS + 1) {
    throw new HallnetError('ERR_CERT_INVALID', 'chain must hold one to three certificates');
  }
  let links = opts.chainPem.map((pem, i) => readCertFacts(parseCertPem(pem, `chain[${i}]`), `chain[${i}]`));
  if (links.at(-1)!.fingerprint === root.fingerprint) links = links.slice(0, -1);
  if (links.length === 0 || links.length > MAX_LINKS) {
    throw new HallnetError('ERR_CERT_INVALID', 'chain must hold the node certificate and at most one street CA');
  }

  links.forEach((cert, i) => {
    const issuer: CertFacts = links[i + 1] ?? root;
    assertSignedBy(cert, issuer);
    assertValidAt(cert, now);
    assertNodeCertShape(cert);
    assertMayIssue(issuer, cert, cert.what);
    // pathLen counts the CA certificates between the issuer and the leaf; here that is i.
    if (issuer.pathLen !== undefined && i > issuer.pathLen) {
      throw new HallnetError('ERR_CERT_INVALID', `${issuer.what}: pathLen ${issuer.pathLen} exceeded`);
    }
    if (opts.isRevoked?.(cert.serial)) {
      throw new HallnetError('ERR_CERT_REVOKED', `${cert.what} (${cert.org}, serial ${cert.serial}) is revoked`);
    }
  });

  const leaf = links[0]!;
  return {
    org: leaf.org,
    level: leaf.level!,
    serial: leaf.serial,
    fingerprint: leaf.fingerprint,
    name: leaf.name,
    chain: links.map((l) => derToPem(l.der)),
    chainSerials: links.map((l) => l.serial),
  };
}

// A bad trusted root is the verifier's misconfiguration, not the presenting node's fault.
function readRoot(pem: string): CertFacts {
  try {
    const root = readCertFacts(parseCertPem(pem, 'root'), 'root');
    assertSignedBy(root, root);
    if (root.isCa && root.keyCertSign && root.level === undefined && !root.org.includes('/')) return root;
  } catch (cause) {
    throw new HallnetError('ERR_CONFIG', 'the trusted root is not a hallnet district root CA', { cause });
  }
  throw new HallnetError('ERR_CONFIG', 'the trusted root is not a hallnet district root CA');
}
