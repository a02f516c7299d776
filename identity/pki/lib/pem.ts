import forge from 'node-forge';
import { HallnetError } from '../../../sync/index.js';

/** A parsed certificate together with the exact DER it was read from (fingerprints hash that). */
export interface ParsedCert {
  cert: forge.pki.Certificate;
  der: string;
}

/** The body of a PEM string holding exactly one block of `type`; anything else is refused. */
export function pemBody(pem: string, type: string, what: string): string {
  let blocks: forge.pem.ObjectPEM[];
  try {
    blocks = typeof pem === 'string' ? forge.pem.decode(pem) : [];
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', `${what} is not PEM`, { cause });
  }
  const [block] = blocks;
  if (blocks.length !== 1 || !block || block.type !== type || block.procType) {
    throw new HallnetError('ERR_CERT_INVALID', `${what} must be exactly one PEM ${type}`);
  }
  return block.body;
}

/** Parses a DER certificate strictly: no trailing bytes, RSA key only (forge refuses others). */
export function parseCertDer(der: string, what: string): ParsedCert {
  try {
    return { cert: forge.pki.certificateFromAsn1(forge.asn1.fromDer(der, true)), der };
  } catch (cause) {
    throw new HallnetError('ERR_CERT_INVALID', `${what} is not a readable X.509 RSA certificate`, { cause });
  }
}

export function parseCertPem(pem: string, what: string): ParsedCert {
  return parseCertDer(pemBody(pem, 'CERTIFICATE', what), what);
}

export function derToPem(der: string): string {
  return forge.pem.encode({ type: 'CERTIFICATE', body: der });
}

export function sha256Hex(bytes: string): string {
  return forge.md.sha256.create().update(bytes).digest().toHex();
}
