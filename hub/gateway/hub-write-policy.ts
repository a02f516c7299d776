import type { GrantBook } from '../../identity/index.js';
import {
  CASE_RIGHTS,
  checkWrite,
  DEFAULT_WRITE_BOUNDS,
  type WriteBounds,
  type WriteContext,
  type WriteDecision,
} from '../../sync/index.js';
import { verifySignature } from '../../sync/node-only.js';
import type { HubReference } from '../follow-reference.js';
import { caseworkTimes } from './casework-times.js';
import type { WritePolicy } from './gateway-types.js';

/** What the hub's write rule reads besides the document: the district's grants, catalogue and organisations, the bounds. */
export interface HubWriteRule {
  /** Without a grant book no grant verifies and casework needs no right (gateway tests). */
  grants?: GrantBook;
  /** The district's catalogue and organisations: without it no case names a known matter. */
  reference: HubReference;
  bounds?: WriteBounds;
  clock?: () => Date;
  /** How far back a write's own time is believed, in days (HUB_BOUND_OFFLINE_DAYS; default 90). */
  offlineDays?: number;
}

/**
 * The hub's write rule (design §3): the district's one rule per document type (sync/write-rule),
 * with the writing node's own certificate key as the only key its new signatures may verify
 * against, and — for casework — a case right granted to the writing organisation, held at the
 * moment the work was done (`caseworkTimes`): a hall cut off while its grant ran out comes back
 * with everything it did while the grant was in force accepted, and nothing done after.
 */
export function hubWritePolicy(rule: HubWriteRule): WritePolicy {
  const clock = rule.clock ?? (() => new Date());
  return async function mayWrite(writer, doc, batch): Promise<WriteDecision> {
    const ctx: WriteContext = {
      now: clock(),
      bounds: rule.bounds ?? DEFAULT_WRITE_BOUNDS,
      matter: (code, version) => rule.reference.matter(code, version),
      caseDoc: (docId) => batch.caseDoc(docId),
      doc: async (id) => (await batch.heldOf(id))?.leaves.find((l) => !l.deleted && l.body)?.body,
      applicantOf: async (caseId) => (await batch.caseDoc(`case:${caseId}`))?.applicant,
      rating: (id) => batch.rating(id),
      grant: (id) => rule.grants?.get(id),
      grantVerifies: async (g) => (rule.grants ? rule.grants.verifies(g) : false),
      orgName: (path) => rule.reference.orgName(path),
      verify: (kid, input, sig) => kid === writer.key.kid && verifySignature(writer.key.publicKey, input, sig),
    };
    const id = String(doc._id);
    const stored = await batch.heldOf(id);
    // A document the node cannot read is judged as if absent: the rule's reasons would otherwise
    // tell it whether one exists (a register record's id is a hall and an ID number).
    const held = stored && !(await batch.seenBy(id, writer.org)) ? undefined : stored;
    const decision = await checkWrite({ org: writer.org, kid: writer.key.kid }, doc, held, ctx);
    if (decision.ok && stored && !held)
      return { ok: false, reason: 'revision does not descend from any revision held under this id' };
    if (!decision.ok || !rule.grants || !writer.org.includes('/')) return decision;
    const moments = new Set(caseworkTimes(doc, held, ctx.now, rule.offlineDays).map((t) => t.getTime()));
    for (const at of moments) {
      const rights = await rule.grants.rightsOver({ org: writer.org }, writer.org, {}, new Date(at));
      if (!CASE_RIGHTS.some((r) => rights.has(r)))
        return { ok: false, reason: `${writer.org} held no right over cases at ${new Date(at).toISOString()}` };
    }
    return decision;
  };
}
