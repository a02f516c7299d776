import { isBelow, isWithin } from '../org-path.js';
import { staffChangeDocId, staffChangeDocSchema } from '../staff-change.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * How far ahead of the checker's clock a change's `from` may stand: the identity service's clock
 * against a node's. A `from` far ahead would hold the notice: no later change could move it on.
 */
const FROM_AHEAD_MS = 10 * 60_000;

/**
 * A staff change notice is written by the node an admin acted at, in its own name, by a member of
 * its staff, for an account of its subtree; a later change only moves `from` on, and never past the
 * present. Never deleted. Nodes act on it only by pulling from the identity service, so a forged
 * one costs a pull, no more.
 */
export function checkStaffChange(
  writer: Writer,
  raw: Record<string, unknown>,
  current: Record<string, unknown> | undefined,
  ctx: WriteContext,
): WriteDecision {
  const parsed = staffChangeDocSchema.safeParse(raw);
  if (!parsed.success) return deny('invalid staff change');
  const doc = parsed.data;
  if (doc._id !== staffChangeDocId(doc.account)) return deny("a staff change's id names its account");
  if (doc.scope !== writer.org || doc.parties.length !== 1 || doc.parties[0] !== writer.org)
    return deny('a staff change belongs to the node that made it');
  if (!doc.author.id.startsWith('staff:')) return deny('a staff change names the admin who made it');
  if (!isWithin(doc.org, writer.org)) return deny(`${doc.org} is outside ${writer.org}`);
  if (doc.from > ctx.now.getTime() + FROM_AHEAD_MS) return deny('a change takes effect now, not in the future');
  const before = current?.from;
  // An office above the one that wrote the notice takes it over whatever its `from` says: a station
  // cannot hold its street's or the centre's notice back by dating its own ahead.
  if (
    typeof before === 'number' &&
    doc.from <= before &&
    !(typeof current?.scope === 'string' && isBelow(current.scope, writer.org))
  )
    return deny('a later change moves from on');
  return decide(proofProblem(writer, raw, ctx));
}
