import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  canonicalJson,
  certificateDocId,
  certificateSchema,
  caseDocSchema,
  caseHeaderOf,
  checkCaseRemoval,
  docProofInput,
  envelopeSchema,
  eventSigningInput,
  isDistrictRootDoc,
  isWithin,
  materialDocSchema,
  proofSchema,
  revocationDocId,
  revocationSchema,
  attachedFileProblem,
  strayField,
  strayPath,
  revisionProblem,
  DEFAULT_WRITE_BOUNDS,
  type Revisions,
  type CaseDoc,
  type CertificateDoc,
  type WriteDecision,
} from '../../sync/index.js';
import { keyIdOf, verifySignature } from '../../sync/node-only.js';
import { verifyNodeChain } from '../../identity/index.js';
import type { WritePolicy } from '../gateway/gateway-types.js';
import type { WriteBatch } from '../gateway/write-batch.js';
import type { CityCertificates } from './city-certificates.js';
import { checkCityRating } from './city-rating-rule.js';
import { compactingDistrict, CROSSING_TYPES, districtsOf } from './districts-of.js';

const deny = (reason: string): WriteDecision => ({ ok: false, reason });
const allow: WriteDecision = { ok: true };

/** A hall's signing key as the city trusts it: its organisation, from its certificate verified up to its district's root. */
interface Signer {
  org: string;
  key: KeyObject;
  /** The serials of its chain below the district root: a revocation of any ends its signing. */
  serials: string[];
}

/** The signer of key `kid` in `district`, or why the city does not know it as one of that district's halls. */
type SignerOf = (kid: string, district: string) => Promise<Signer | string>;

/**
 * The city hub's write rule: the writer is a district hub (its certificate, from the city CA,
 * names the district). A district writes only cases and materials that involve it and another
 * district; everything else at the city (its catalogue, calendar, JWKS, certificates) is the city
 * hub's own. A case stays a log: its header never changes, every event held is kept unchanged,
 * parties only grow, and each event a district adds is signed by one of its own halls — a
 * certificate the district relayed, verified from the district's root — acting within that hall's
 * subtree, so a district hub (whose key signs no event) can neither forge, tamper with nor replay
 * its halls' work, nor relay another district's. A material carries the proof of a hall of its
 * district and the file its digest names. A district also relays its halls' certificates (checked
 * from its root as the city published it), so other districts' halls can check their signatures,
 * and their revocations (`checkRevocation`): nothing a hall signs after it counts.
 * Nothing is deleted at the city but a case's branch its deciding district retired on merging a
 * conflict (`checkRetirement`).
 */
export function cityWritePolicy(o: { certificates: CityCertificates; clock?: () => Date }): WritePolicy {
  const clock = o.clock ?? (() => new Date());
  const signers = { signerOf: citySigners(o.certificates, clock), certificates: o.certificates };
  return async function mayWriteAtCity(writer, doc, batch): Promise<WriteDecision> {
    const district = writer.org;
    if (district.includes('/')) return deny(`${district} is not a district hub`);
    if (doc._deleted === true) return checkRetirement(district, doc, batch);
    const type = String(doc.type);
    if (type === 'certificate') return checkCertificate(district, doc, batch, o.certificates, clock());
    if (type === 'revocation') return checkRevocation(district, doc, batch);
    if (!CROSSING_TYPES.has(type))
      return deny(`${type} documents at the city are the city hub's own: a district does not write them`);
    const envelope = envelopeSchema.safeParse(doc);
    if (!envelope.success) return deny(`invalid ${type}`);
    // As at the district: a field its type does not name would be stored and carried to every district.
    const stray = strayField(envelope.data.type, doc);
    if (stray) return deny(`invalid document: ${stray}: a ${type} document has no such field`);
    const districts = districtsOf(envelope.data.parties);
    if (!districts.has(district)) return deny(`the ${type} does not involve ${district}`);
    if (districts.size < 2) return deny(`the ${type} involves ${district} alone: it stays in the district`);
    if (type === 'rating')
      return checkCityRating(district, doc, batch, (what, author) =>
        proofProblem(what, doc, author, district, signers),
      );
    return type === 'case' ? checkCase(district, doc, batch, signers) : checkMaterial(district, doc, batch, signers);
  };
}

/**
 * The halls' keys the city knows, each trusted once its certificate's chain verifies from its
 * district's root; a certificate never changes, so a verified key is kept. (Revocations stay in
 * their district: its hub refuses what a revoked hall pushes before anything reaches the city.)
 */
function citySigners(certificates: CityCertificates, clock: () => Date): SignerOf {
  const trusted = new Map<string, Signer>();
  return async function signerOf(kid, district) {
    let signer = trusted.get(kid);
    if (!signer) {
      const cert = await certificates.ofKid(kid);
      if (!cert || isDistrictRootDoc(cert) || !cert.org.includes('/'))
        return `key ${kid.slice(0, 12)}… is no hall's the city holds a certificate of`;
      const problem = await chainProblem(cert.org.split('/')[0]!, cert, certificates, clock());
      if (problem) return problem;
      const key = createPublicKey(cert.certPem);
      if (keyIdOf(key) !== kid) return `the certificate of ${cert.org} is not of key ${kid.slice(0, 12)}…`;
      const issuer = cert.issuerOrg.includes('/')
        ? (await certificates.of(cert.issuerOrg)).find((c) => !isDistrictRootDoc(c))
        : undefined;
      signer = { org: cert.org, key, serials: issuer ? [cert.serial, issuer.serial] : [cert.serial] };
      trusted.set(kid, signer);
    }
    return isWithin(signer.org, district) ? signer : `signed by ${signer.org}, a hall outside ${district}`;
  };
}

/**
 * Why a signature is not that of a hall of `district` over `input`, made within the hall's own
 * subtree (`org`: whom the signed event or document names).
 */
async function signatureProblem(
  signed: { kid: string; sig: string; org: string; at: string; input: string },
  district: string,
  o: { signerOf: SignerOf; certificates: CityCertificates },
): Promise<string | undefined> {
  const signer = await o.signerOf(signed.kid, district);
  if (typeof signer === 'string') return signer;
  if (!isWithin(signed.org, signer.org)) return `names ${signed.org}, outside its signer ${signer.org}`;
  // As in the district: what a hall signed before its certificate was revoked still counts, nothing after.
  for (const serial of signer.serials) {
    const revokedAt = await o.certificates.revokedAt(serial);
    if (revokedAt !== undefined && Date.parse(signed.at) >= revokedAt)
      return `signed by ${signer.org} after its certificate ${serial} was revoked`;
  }
  return verifySignature(signer.key, signed.input, signed.sig) ? undefined : 'signature does not verify';
}

/** What checking a relayed signature needs: the halls' keys, and their certificates' revocations. */
type Signers = { signerOf: SignerOf; certificates: CityCertificates };

async function checkCase(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
  signers: Signers,
): Promise<WriteDecision> {
  const parsed = caseDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid case');
  const doc = parsed.data;
  const live = ((await batch.heldOf(doc._id))?.leaves ?? []).flatMap((l) =>
    !l.deleted && l.body ? [{ rev: l.rev, body: l.body as unknown as CaseDoc }] : [],
  );
  const known = new Map<string, string>();
  for (const leaf of live) for (const e of leaf.body.events) known.set(e.id, canonicalJson(e));
  if (live.length === 0) {
    // The city first hears of a case from the district that accepted it.
    if (!isWithin(doc.scope, district)) return deny(`a case of ${doc.scope} comes to the city from its own district`);
    const first = doc.events[0];
    if (!first || !isWithin(first.actor.org, doc.scope)) return deny('the acceptance is by the hall the case names');
  } else {
    if (canonicalJson(caseHeaderOf(live[0]!.body)) !== canonicalJson(caseHeaderOf(doc)))
      return deny("a case's scope, matter and applicant never change");
    const ids = new Set(doc.events.map((e) => e.id));
    const replaced = ancestorsOf(raw);
    for (const leaf of live.filter((l) => replaced.has(l.rev))) {
      const lost = leaf.body.events.find((e) => !ids.has(e.id));
      if (lost) return deny(`event ${lost.id} of the revision replaced is missing: a case only grows`);
      const dropped = leaf.body.parties.find((p) => !doc.parties.includes(p));
      if (dropped) return deny(`party ${dropped} was dropped: parties only grow`);
    }
  }
  const rawEvents = raw.events as unknown[];
  for (const [i, e] of doc.events.entries()) {
    const held = known.get(e.id);
    if (held !== undefined) {
      if (held !== canonicalJson(e))
        return deny(`event ${e.id} differs from the one held: earlier events never change`);
      continue;
    }
    // A field the schema drops is outside what the hall signed: the district hub could have put it there.
    const stray = strayPath(rawEvents[i], e);
    if (stray) return deny(`invalid document: events.${i}.${stray}: a case document has no such field`);
    if (!isWithin(e.actor.org, district)) return deny(`event ${e.id} by ${e.actor.org} is not ${district}'s to relay`);
    // The signature binds the event to this case (and the acceptance to its header): moved, altered or forged, it fails.
    const signed = { kid: e.kid, sig: e.sig, org: e.actor.org, at: e.at, input: eventSigningInput(doc._id, e, doc) };
    const problem = await signatureProblem(signed, district, signers);
    if (problem) return deny(`event ${e.id}: ${problem}`);
  }
  return allow;
}

/**
 * A district relays the revocations of its own halls' certificates, once each, so the city (and
 * through it the other districts' halls) stops taking what they sign from then on. It is the
 * district's word on its own certificates: it can only withdraw trust from its own halls.
 */
async function checkRevocation(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
): Promise<WriteDecision> {
  const parsed = revocationSchema.safeParse(raw);
  if (!parsed.success || parsed.data.what !== 'certificate')
    return deny("only a certificate's revocation crosses: a grant's stays in its district");
  const doc = parsed.data;
  if (doc._id !== revocationDocId(doc.what, doc.target)) return deny("a revocation's id is its target");
  if (doc.scope !== district) return deny(`a revocation of ${doc.scope} is not ${district}'s to relay`);
  if ((await batch.heldOf(doc._id))?.leaves.some((l) => !l.deleted)) return deny('a revocation is written once');
  const target = (await batch.heldOf(certificateDocId(doc.target)))?.leaves.find((l) => !l.deleted)?.body;
  if (target && !(typeof target.org === 'string' && target.org.includes('/') && isWithin(target.org, district)))
    return deny(`certificate ${doc.target} is not one of ${district}'s halls`);
  return allow;
}

/**
 * A tombstone at the city only retires a branch of a case that crosses districts, by the district
 * whose hub merges its conflicts (`compactingDistrict`), once another live revision keeps every
 * event of that branch unchanged — what the district's own rule allows, checkable by anyone.
 */
async function checkRetirement(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
): Promise<WriteDecision> {
  const held = await batch.heldOf(String(raw._id));
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  const parsed = caseDocSchema.safeParse(current);
  if (!held || !parsed.success) return deny('nothing is deleted at the city');
  // As at the district: a history that names a branch but not its ancestors retires another.
  const history = revisionProblem(raw._revisions as Revisions | undefined, held, DEFAULT_WRITE_BOUNDS.revisions);
  if (history) return deny(history);
  const deciding = compactingDistrict(parsed.data);
  if (deciding !== district) return deny(`only ${deciding}'s hub merges the branches of this case`);
  return checkCaseRemoval(raw, held);
}

/** The revisions a replicated revision descends from (its `_revisions`, itself left out). */
function ancestorsOf(raw: Record<string, unknown>): Set<string> {
  const h = raw._revisions as { start: number; ids: string[] } | undefined;
  return new Set(h ? h.ids.slice(1).map((hash, i) => `${h.start - i - 1}-${hash}`) : []);
}

/**
 * A hall's certificate a district relays, so halls of other districts can check what it signed: of
 * the district's own tree, never changed once held, its chain verifying from the district's root
 * as the city published it (through its street, for a community).
 */
async function checkCertificate(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
  certificates: CityCertificates,
  now: Date,
): Promise<WriteDecision> {
  const parsed = certificateSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid certificate');
  const doc = parsed.data;
  if (!isWithin(doc.org, district) || !isWithin(doc.issuerOrg, district))
    return deny(`a certificate of ${doc.org} is not ${district}'s to relay`);
  if ((await batch.heldOf(doc._id))?.leaves.some((l) => !l.deleted)) return deny('a certificate never changes');
  const problem = await chainProblem(district, doc, certificates, now);
  return problem ? deny(problem) : allow;
}

/** Why a hall's certificate document does not verify from `district`'s root as the city published it (through its street). */
async function chainProblem(
  district: string,
  doc: CertificateDoc,
  certificates: CityCertificates,
  now: Date,
): Promise<string | undefined> {
  const root = (await certificates.of(district)).find(isDistrictRootDoc);
  if (!root) return `the city has no root certificate of ${district}`;
  const issuer =
    doc.issuerOrg === district ? undefined : (await certificates.of(doc.issuerOrg)).find((c) => !isDistrictRootDoc(c));
  if (doc.issuerOrg !== district && !issuer) return `the certificate of its issuer ${doc.issuerOrg} comes first`;
  try {
    // Checked at a moment the certificate was valid: an expired one still vouches for what it signed then.
    const at = new Date(Math.min(now.getTime(), Date.parse(doc.notAfter) - 1000));
    const who = verifyNodeChain({
      chainPem: issuer ? [doc.certPem, issuer.certPem] : [doc.certPem],
      rootPem: root.certPem,
      now: at,
    });
    if (who.org !== doc.org || who.serial !== doc.serial || certificateDocId(who.serial) !== doc._id)
      return 'the certificate document does not match its certificate';
  } catch (err) {
    return `the certificate does not verify from ${district}'s root: ${(err as Error).message}`;
  }
  return undefined;
}

/**
 * A material of a case the city holds, of the relaying district's office, its parties among the
 * case's, its revision proved by a hall of that district within whose subtree it was written,
 * and its file (when its bytes travel) the one its digest names.
 */
async function checkMaterial(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
  signers: Signers,
): Promise<WriteDecision> {
  const parsed = materialDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid material');
  const doc = parsed.data;
  if (!isWithin(doc.scope, district)) return deny(`a material of ${doc.scope} is not ${district}'s to relay`);
  const kase = await batch.caseDoc(`case:${doc.caseId}`);
  if (!kase) return deny('the material names no case the city holds');
  const stray = doc.parties.find((p) => !kase.parties.includes(p));
  if (stray) return deny(`party ${stray} is not a party of the case`);
  const unproved = await proofProblem('material', raw, doc.author.org, district, signers);
  if (unproved) return deny(unproved);
  const file = (raw._attachments as Record<string, { content_type?: string; data?: string }> | undefined)?.file;
  const fileProblem = file ? await attachedFileProblem(file, doc) : 'a material carries its file';
  return fileProblem ? deny(fileProblem) : allow;
}

/**
 * Why a document's proof does not show it written by a hall of `district` within whose subtree its
 * author `authorOrg` acts (a relayed hall certificate, verified from the district's root), if it does not.
 */
async function proofProblem(
  what: string,
  raw: Record<string, unknown>,
  authorOrg: string,
  district: string,
  signers: Signers,
): Promise<string | undefined> {
  const proof = proofSchema.safeParse(raw.proof);
  if (!proof.success) return `the ${what} carries no proof of its writer`;
  const { kid, sig } = proof.data;
  const at = String(raw.at);
  const problem = await signatureProblem(
    { kid, sig, org: authorOrg, at, input: docProofInput(raw, kid) },
    district,
    signers,
  );
  return problem ? `the ${what}'s proof: ${problem}` : undefined;
}
