import { isWithin } from '../org-path.js';
import { revocationDocId, revocationSchema } from '../revocation.js';
import { proofProblem } from './proof-rule.js';
import { allow, decide, deny, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A revocation is written once under the one id its target gives. Certificates are revoked by the
 * district only; a grant by an organisation at or above the grant's grantor, signed by its node.
 */
export function checkRevocation(
  writer: Writer,
  raw: Record<string, unknown>,
  current: unknown,
  ctx: WriteContext,
): WriteDecision {
  if (current) return deny('a revocation is written once');
  const parsed = revocationSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid revocation');
  const doc = parsed.data;
  if (doc._id !== revocationDocId(doc.what, doc.target)) return deny("a revocation's id is its target");
  const root = !writer.org.includes('/');
  if (doc.what === 'certificate') return root ? allow : deny('only the district revokes certificates');
  const target = ctx.grant(doc.target);
  if (!target) return deny(`no grant ${doc.target} is held`);
  if (!isWithin(target.payload.grantor, writer.org))
    return deny(`${writer.org} may only revoke grants made within its subtree`);
  if (doc.scope !== writer.org) return deny('a revocation belongs to the organisation revoking');
  return root ? allow : decide(proofProblem(writer, raw, ctx));
}
