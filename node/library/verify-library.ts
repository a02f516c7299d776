import {
  caseHeaderOf,
  docProofInput,
  eventSigningInput,
  levelOfMaterial,
  licenceHolderDigest,
  proofSchema,
  type CaseHeader,
  type IdType,
  type LicenceDoc,
  type RawLibrary,
} from '../../sync/index.js';
import type { SignerKeys } from '../auth/signer-keys.js';
import { checkLicenceDoc } from '../licences/licence-check.js';
import type { LibraryLicence, LibraryMaterial } from './resident-library.js';

export interface Holder {
  idType: IdType;
  idNumber: string;
}

/** What a verified library holds, and the documents it was verified from (for the write rule). */
export interface VerifiedLibrary {
  licences: LibraryLicence[];
  materials: LibraryMaterial[];
  docs: Map<string, Record<string, unknown>>;
  applicants: Map<string, Holder>;
}

/**
 * Believes of a library (from the hub or this replica) only what its signatures prove: a case is
 * the holder's when its first event, signed by a node the district vouches for and covering the
 * acting office, names him in the header it covers; a licence is his when that case's signed
 * completion issued it and its key opens the register's holder digest; a scan is his when the
 * node that wrote it proved it and it belongs to one of his cases. Everything else is dropped.
 * The register's own copy of a licence (`registered`) wins over a copy that came with the answer.
 */
export async function verifyLibrary(
  raw: RawLibrary,
  holder: Holder,
  keys: SignerKeys,
  now: Date,
  registered: (number: string) => Promise<LicenceDoc | undefined>,
): Promise<VerifiedLibrary> {
  const out: VerifiedLibrary = { licences: [], materials: [], docs: new Map(), applicants: new Map() };
  const cases = new Map<string, RawLibrary['cases'][number]>();
  for (const c of raw.cases) {
    if (c.applicant.idType !== holder.idType || c.applicant.idNumber !== holder.idNumber) continue;
    const header: CaseHeader = caseHeaderOf(c);
    if (c.first.kind !== 'accepted' && c.first.kind !== 'applied') continue;
    if (!signedBy(keys, c.first, eventSigningInput(c._id, c.first, header))) continue;
    const caseId = c._id.slice(5);
    cases.set(caseId, c);
    out.applicants.set(caseId, holder);
    const completion = c.completion;
    if (completion?.kind !== 'completed' || !signedBy(keys, completion, eventSigningInput(c._id, completion, header)))
      continue;
    for (const issued of completion.licences ?? []) {
      const doc = (await registered(issued.number)) ?? raw.licences.find((l) => l.number === issued.number);
      if (!doc || doc.caseId !== caseId || doc.holder !== (await licenceHolderDigest(issued.key, holder))) continue;
      out.docs.set(doc._id, doc as unknown as Record<string, unknown>);
      out.licences.push({
        number: doc.number,
        licenceType: doc.licenceType,
        licenceName: doc.licenceName,
        issuer: doc.issuer,
        issuerName: doc.issuerName,
        issuedAt: doc.issuedAt,
        validUntil: doc.validUntil,
        status: checkLicenceDoc(doc, keys, now),
        matterCode: doc.matterCode,
        caseId,
        key: issued.key,
      });
    }
  }
  for (const m of raw.materials) {
    const c = cases.get(m.caseId);
    const proof = proofSchema.safeParse(m.proof);
    if (!c || !proof.success || !keys.covers(proof.data.kid, m.author.org)) continue;
    if (!keys.verify(proof.data.kid, docProofInput(m as Record<string, unknown>, proof.data.kid), proof.data.sig))
      continue;
    out.docs.set(m._id, m as unknown as Record<string, unknown>);
    out.materials.push({
      docId: m._id,
      caseId: m.caseId,
      materialId: m.materialId,
      name: m.name,
      level: levelOfMaterial(m),
      at: m.at,
      hall: m.scope,
      matterName: c.matterName,
      contentType: m.contentType,
      size: m.size,
    });
  }
  out.licences.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
  out.materials.sort((a, b) => (a.at < b.at ? 1 : -1));
  return out;
}

/** Whether a case event is signed by a node the district vouches for, one that may act for the office it names. */
function signedBy(
  keys: SignerKeys,
  e: { kid: string; sig: string; at: string; actor: { org: string } },
  input: string,
): boolean {
  return keys.covers(e.kid, e.actor.org) && keys.verify(e.kid, input, e.sig, e.at);
}
