import { matterSchema, matterVersionDocId } from '../matter.js';
import { cityCodeProblem } from './city-code-rule.js';
import { proofProblem } from './proof-rule.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A published matter version (一口发布) is the district's alone: written by the district root's
 * node and signed by it, under the id of its code and version (so a signed version cannot be
 * replayed as another), scope and parties the district; once published it never changes — a
 * change is a new version, a retirement too. A code of the city catalogue is the city's alone.
 */
export function checkMatter(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): WriteDecision {
  if (writer.org.includes('/')) return deny('only the district may write matter documents');
  const parsed = matterSchema.safeParse(raw);
  if (!parsed.success) return deny(`invalid matter: ${parsed.error.issues[0]?.message ?? 'schema'}`);
  const doc = parsed.data;
  if (doc.scope !== writer.org || doc.parties.length !== 1 || doc.parties[0] !== writer.org)
    return deny("a matter's scope and parties are the district");
  const city = cityCodeProblem(doc.code, writer.org, ctx);
  if (city) return deny(city);
  if (raw._id !== matterVersionDocId(doc.code, doc.version))
    return deny("a matter version's id names its code and version");
  if (held?.leaves.some((l) => !l.deleted))
    return deny('a published matter version never changes: publish a new version');
  return decide(proofProblem(writer, raw, ctx));
}
