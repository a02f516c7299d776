import {
  canonicalJson,
  certificateDocId,
  certificateSchema,
  caseDocSchema,
  caseHeaderOf,
  envelopeSchema,
  isDistrictRootDoc,
  isWithin,
  materialDocSchema,
  type CaseDoc,
  type CertificateDoc,
  type WriteDecision,
} from '../../sync/index.js';
import { verifyNodeChain } from '../../identity/index.js';
import type { WritePolicy } from '../gateway/gateway-types.js';
import type { WriteBatch } from '../gateway/write-batch.js';
import { CROSSING_TYPES, districtsOf } from './districts-of.js';

const deny = (reason: string): WriteDecision => ({ ok: false, reason });
const allow: WriteDecision = { ok: true };

/** The certificate documents the city holds, by organisation: district roots and the halls' certificates districts relay. */
export type CityCertificates = (org: string) => Promise<CertificateDoc[]>;

/**
 * The city hub's write rule: the writer is a district hub (its certificate, from the city CA,
 * names the district). A district writes only cases and materials that involve it and another
 * district; everything else at the city (its catalogue, calendar, JWKS, certificates) is the city
 * hub's own. A case stays a log: its header never changes, every event held is kept unchanged,
 * parties only grow, and the events a district adds are its own offices' — a district relays what
 * its halls signed (their signatures are checked by the district hub that took them), never
 * another district's work. A district also relays its halls' certificates (checked from its root
 * as the city published it), so other districts' halls can check their signatures. Nothing is
 * deleted at the city.
 */
export function cityWritePolicy(o: { certificates: CityCertificates; clock?: () => Date }): WritePolicy {
  const clock = o.clock ?? (() => new Date());
  return async function mayWriteAtCity(writer, doc, batch): Promise<WriteDecision> {
    const district = writer.org;
    if (district.includes('/')) return deny(`${district} is not a district hub`);
    if (doc._deleted === true) return deny('nothing is deleted at the city');
    const type = String(doc.type);
    if (type === 'certificate') return checkCertificate(district, doc, batch, o.certificates, clock());
    if (!CROSSING_TYPES.has(type))
      return deny(`${type} documents at the city are the city hub's own: a district does not write them`);
    const envelope = envelopeSchema.safeParse(doc);
    if (!envelope.success) return deny(`invalid ${type}`);
    const districts = districtsOf(envelope.data.parties);
    if (!districts.has(district)) return deny(`the ${type} does not involve ${district}`);
    if (districts.size < 2) return deny(`the ${type} involves ${district} alone: it stays in the district`);
    return type === 'case' ? checkCase(district, doc, batch) : checkMaterial(district, doc, batch);
  };
}

async function checkCase(district: string, raw: Record<string, unknown>, batch: WriteBatch): Promise<WriteDecision> {
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
  for (const e of doc.events) {
    const held = known.get(e.id);
    if (held !== undefined) {
      if (held !== canonicalJson(e))
        return deny(`event ${e.id} differs from the one held: earlier events never change`);
    } else if (!isWithin(e.actor.org, district)) {
      return deny(`event ${e.id} by ${e.actor.org} is not ${district}'s to relay`);
    }
  }
  return allow;
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
  const root = (await certificates(district)).find(isDistrictRootDoc);
  if (!root) return deny(`the city has no root certificate of ${district}`);
  const issuer =
    doc.issuerOrg === district ? undefined : (await certificates(doc.issuerOrg)).find((c) => !isDistrictRootDoc(c));
  if (doc.issuerOrg !== district && !issuer) return deny(`the certificate of its issuer ${doc.issuerOrg} comes first`);
  try {
    // Checked at a moment the certificate was valid: an expired one still vouches for what it signed then.
    const at = new Date(Math.min(now.getTime(), Date.parse(doc.notAfter) - 1000));
    const who = verifyNodeChain({
      chainPem: issuer ? [doc.certPem, issuer.certPem] : [doc.certPem],
      rootPem: root.certPem,
      now: at,
    });
    if (who.org !== doc.org || who.serial !== doc.serial || certificateDocId(who.serial) !== doc._id)
      return deny('the certificate document does not match its certificate');
  } catch (err) {
    return deny(`the certificate does not verify from ${district}'s root: ${(err as Error).message}`);
  }
  return allow;
}

async function checkMaterial(
  district: string,
  raw: Record<string, unknown>,
  batch: WriteBatch,
): Promise<WriteDecision> {
  const parsed = materialDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid material');
  const doc = parsed.data;
  if (!isWithin(doc.scope, district)) return deny(`a material of ${doc.scope} is not ${district}'s to relay`);
  const kase = await batch.caseDoc(`case:${doc.caseId}`);
  if (!kase) return deny('the material names no case the city holds');
  const stray = doc.parties.find((p) => !kase.parties.includes(p));
  if (stray) return deny(`party ${stray} is not a party of the case`);
  return allow;
}
