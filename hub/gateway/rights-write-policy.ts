import type { GrantBook } from '../../identity/index.js';
import { grantDocSchema, isWithin, revocationSchema, validateDoc, type Right } from '../../sync/index.js';
import type { WriteDecision, WritePolicy } from './gateway-types.js';
import { defaultWritePolicy } from './write-policy.js';

const CASE_RIGHTS: readonly Right[] = ['case.accept', 'case.forward', 'case.approve', 'case.deliver'];
/** Types a node writes in the course of casework, and so only with some right over cases. */
const CASEWORK = new Set(['case', 'resident', 'material', 'notice', 'rating']);

/**
 * The hub's write rule with rights (design §5): on top of the envelope rules, casework documents
 * need a case right granted to the writing organisation, and grants and their revocations — public
 * documents — may come from below the district: a grant from its signed grantor when its chain
 * verifies, a revocation from an organisation above the revoked grant's grantor.
 */
export function rightsWritePolicy(grants: GrantBook, base: WritePolicy = defaultWritePolicy): WritePolicy {
  return async function mayWriteWithRights(writer, doc, current): Promise<WriteDecision> {
    const root = !writer.org.includes('/');
    const type = typeof doc.type === 'string' ? doc.type : current?.type;
    if (!root && type === 'grant' && doc._deleted !== true && !current) return checkGrant(grants, writer.org, doc);
    if (!root && type === 'revocation' && doc._deleted !== true && !current) return checkRevocation(grants, writer.org, doc);
    const decision = await base(writer, doc, current);
    if (!decision.ok || root || !type || !CASEWORK.has(type)) return decision;
    const held = await grants.rightsOver({ org: writer.org }, writer.org);
    return CASE_RIGHTS.some((r) => held.has(r)) ? decision : { ok: false, reason: `${writer.org} holds no right over cases` };
  };
}

async function checkGrant(grants: GrantBook, writer: string, doc: Record<string, unknown>): Promise<WriteDecision> {
  const valid = validateDoc(doc);
  const parsed = grantDocSchema.safeParse(doc);
  if (!valid.ok || !parsed.success) return { ok: false, reason: `invalid grant document${valid.ok ? '' : `: ${valid.reason}`}` };
  if (parsed.data.payload.grantor !== writer) return { ok: false, reason: `${writer} may only publish grants it signed itself` };
  if (!(await grants.verifies(parsed.data))) return { ok: false, reason: 'the grant chain does not verify' };
  return { ok: true };
}

function checkRevocation(grants: GrantBook, writer: string, doc: Record<string, unknown>): WriteDecision {
  const parsed = revocationSchema.safeParse(doc);
  if (!parsed.success || parsed.data.what !== 'grant') return { ok: false, reason: 'only the district revokes certificates' };
  const target = grants.get(parsed.data.target);
  if (!target || !isWithin(target.payload.grantor, writer)) return { ok: false, reason: `${writer} may only revoke grants made within its subtree` };
  if (!isWithin(parsed.data.author.org, writer)) return { ok: false, reason: `author ${parsed.data.author.org} is outside ${writer}` };
  return { ok: true };
}
