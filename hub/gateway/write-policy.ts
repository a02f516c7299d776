import { isPublicType, isWithin, validateDoc } from '../../sync/index.js';
import type { NodeIdentity, WriteDecision, WritePolicy } from './gateway-types.js';

/** Whether `writer` may write a document with this type and these parties: the rule for new and existing docs alike. */
function mayHold(writer: NodeIdentity, type: string | undefined, parties: readonly string[]): WriteDecision {
  const root = !writer.org.includes('/');
  // A held document whose parties were never known (a tombstone written around the gateway whose
  // history is compacted) is the district's to rewrite: it holds the whole tree.
  if (root && type === undefined && parties.length === 0) return { ok: true };
  if (type !== undefined && isPublicType(type)) {
    // Public types reach every node, so only the district itself (the root, no '/') writes them.
    return root ? { ok: true } : { ok: false, reason: `only the district may write ${type} documents` };
  }
  return parties.some((p) => isWithin(p, writer.org))
    ? { ok: true }
    : { ok: false, reason: `no party within ${writer.org}` };
}

/**
 * The hub's write rule (design §3): a schema-valid document with a party inside the writer's
 * subtree and an author inside it too; public types only from the district root; and a
 * document already held may only be overwritten or deleted by a writer who could write it.
 * The same words answer "exists but not yours" and "does not exist" for deletions, so a refusal
 * does not tell whether an id is taken.
 */
export const defaultWritePolicy: WritePolicy = (writer, doc, current) => {
  if (current) {
    const held = mayHold(writer, current.type, current.parties);
    if (!held.ok) return { ok: false, reason: 'may only change documents it could write' };
  }
  if (doc._deleted === true) {
    return current ? { ok: true } : { ok: false, reason: 'may only change documents it could write' };
  }
  const check = validateDoc(doc);
  if (!check.ok) return { ok: false, reason: `invalid document: ${check.reason}` };
  const { type, parties, author } = check.doc;
  if (!isWithin(author.org, writer.org)) return { ok: false, reason: `author ${author.org} is outside ${writer.org}` };
  return mayHold(writer, type, parties);
};
