import forge from 'node-forge';
import { HallnetError } from '../../../sync/index.js';

// @types/node-forge types valueTagClass as asn1.Class; forge actually wants the universal tag number.
const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

/** The subject of a node or CA certificate: its display name and its organisation path. */
export function subjectAttributes(name: string, org: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'CN', value: name, valueTagClass: UTF8 },
    { shortName: 'OU', value: org, valueTagClass: UTF8 },
  ];
}

/**
 * A parsed name's attributes in the form forge writes. forge keeps parsed UTF8String values as
 * raw bytes but UTF-8 encodes them again on writing, so copying a Chinese issuer name as is would
 * produce a different issuer name and a chain that never links.
 */
export function writableAttributes(attrs: forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attrs.map((a) =>
    a.valueTagClass === UTF8 && typeof a.value === 'string' ? { ...a, value: forge.util.decodeUtf8(a.value) } : a,
  );
}

/** The common name, decoded. */
export function commonName(attrs: forge.pki.CertificateField[]): string {
  const cn = attrs.find((a) => a.shortName === 'CN');
  if (!cn || typeof cn.value !== 'string') return '';
  return cn.valueTagClass === UTF8 ? forge.util.decodeUtf8(cn.value) : cn.value;
}

/** A display name for a certificate: non-empty, at most 100 characters. */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
    throw new HallnetError('ERR_CERT_INVALID', 'name must be 1–100 characters');
  }
  return name;
}
