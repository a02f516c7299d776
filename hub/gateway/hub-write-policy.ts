import type { GrantBook } from '../../identity/index.js';
import { checkWrite, DEFAULT_WRITE_BOUNDS, type Right, type WriteBounds, type WriteContext, type WriteDecision } from '../../sync/index.js';
import { verifySignature } from '../../sync/node-only.js';
import type { HubReference } from '../follow-reference.js';
import type { WritePolicy } from './gateway-types.js';

const CASE_RIGHTS: readonly Right[] = ['case.accept', 'case.forward', 'case.approve', 'case.deliver'];
/** Types a node writes in the course of casework, and so only with some right over cases. */
const CASEWORK = new Set(['case', 'resident', 'material', 'notice', 'rating']);

/** What the hub's write rule reads besides the document: the district's grants, catalogue and organisations, the bounds. */
export interface HubWriteRule {
  /** Without a grant book no grant verifies and casework needs no right (gateway tests). */
  grants?: GrantBook;
  reference?: HubReference;
  bounds?: WriteBounds;
  clock?: () => Date;
}

/**
 * The hub's write rule (design §3): the district's one rule per document type (sync/write-rule),
 * with the writing node's own certificate key as the only key its new signatures may verify
 * against, and — for casework — a case right granted to the writing organisation.
 */
export function hubWritePolicy(rule: HubWriteRule = {}): WritePolicy {
  const clock = rule.clock ?? (() => new Date());
  return async function mayWrite(writer, doc, batch): Promise<WriteDecision> {
    const ctx: WriteContext = {
      now: clock(),
      bounds: rule.bounds ?? DEFAULT_WRITE_BOUNDS,
      matter: (code) => rule.reference?.matter(code),
      caseDoc: (docId) => batch.caseDoc(docId),
      rating: (id) => batch.rating(id),
      grant: (id) => rule.grants?.get(id),
      grantVerifies: async (g) => (rule.grants ? rule.grants.verifies(g) : false),
      orgName: (path) => rule.reference?.orgName(path) ?? path,
      verify: (kid, input, sig) => kid === writer.key.kid && verifySignature(writer.key.publicKey, input, sig),
    };
    const held = await batch.heldOf(String(doc._id));
    const decision = await checkWrite({ org: writer.org, kid: writer.key.kid }, doc, held, ctx);
    const type = typeof doc.type === 'string' ? doc.type : held?.leaves.find((l) => l.body)?.body?.type;
    if (!decision.ok || !rule.grants || !writer.org.includes('/') || typeof type !== 'string' || !CASEWORK.has(type)) return decision;
    const rights = await rule.grants.rightsOver({ org: writer.org }, writer.org);
    return CASE_RIGHTS.some((r) => rights.has(r)) ? decision : { ok: false, reason: `${writer.org} holds no right over cases` };
  };
}
