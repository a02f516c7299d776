import forge from 'node-forge';
import { HallnetError, orgPathSchema, type Level, type OrgPath } from '../../sync/index.js';
import { checkName, subjectAttributes } from './lib/dn.js';
import { assertLevelFits } from './lib/issuance-policy.js';
import { nodeAltNames } from './lib/node-uri.js';
import { parsePrivateKey } from './lib/rsa-key.js';

export interface CreateCsrOptions {
  keyPem: string;
  org: OrgPath;
  level: Level;
  /** The hall's display name, written as the subject's CN. */
  name: string;
}

/** A certificate signing request for a node: its name, organisation and level, signed with its key. */
export function createCsr(opts: CreateCsrOptions): string {
  const org = orgPathSchema.safeParse(opts.org);
  if (!org.success) throw new HallnetError('ERR_CERT_INVALID', `malformed organisation path "${opts.org}"`);
  assertLevelFits(org.data, opts.level, 'certificate request');
  const name = checkName(opts.name);
  const key = parsePrivateKey(opts.keyPem);

  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject(subjectAttributes(name, org.data));
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [{ name: 'subjectAltName', altNames: nodeAltNames(org.data, opts.level) }],
    },
  ]);
  csr.sign(key, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}
