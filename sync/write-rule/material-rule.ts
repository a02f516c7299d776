import { isWithin } from '../org-path.js';
import { materialDocPrefix, materialDocSchema, MATERIAL_TYPES } from '../material.js';
import { changedField } from './immutable-fields.js';
import { proofProblem } from './proof-rule.js';
import { sha256Hex } from './sha256-hex.js';
import { decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/**
 * A scanned material follows its case: written by an office involved in the case, its parties
 * among the case's, one file of an allowed type and size whose bytes match the recorded digest,
 * at level B when a clerk scanned the original and C when the resident uploaded it; afterwards
 * only its parties grow (as the case's do), and a C becomes B once a clerk of an office involved
 * has checked it against the original. Never deleted.
 */
export async function checkMaterial(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = materialDocSchema.parse(raw);
  // Halls list a case's materials by id prefix: one filed under another case would show in it.
  if (!doc._id.startsWith(materialDocPrefix(doc.caseId))) return deny("a material's id names its case");
  const kase = await ctx.caseDoc(`case:${doc.caseId}`);
  if (!kase) return deny(`no case ${doc.caseId} is held for this material`);
  if (!kase.parties.includes(writer.org)) return deny(`${writer.org} is not involved in case ${doc.caseId}`);
  if (!kase.parties.includes(doc.scope)) return deny("a material's scope is an office of its case");
  const stray = doc.parties.find((p) => !kase.parties.includes(p));
  if (stray) return deny(`party ${stray} is not a party of the case`);
  if (doc.size > ctx.bounds.attachmentBytes)
    return deny(`file of ${doc.size} bytes exceeds the bound of ${ctx.bounds.attachmentBytes}`);
  const fileProblem = await attachmentProblem(raw, doc.contentType, doc.size, doc.sha256);
  if (fileProblem) return deny(fileProblem);
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current) {
    const checking = current.level === 'C' && doc.level === 'B';
    const changed = changedField(current, raw, checking ? ['parties', 'level', 'checked'] : ['parties']);
    if (changed)
      return deny(
        `a material changes only its parties${current.level === 'C' ? ' (and its level, once checked)' : ''}, not ${changed}`,
      );
    if (checking && !(doc.checked?.by.id.startsWith('staff:') && isWithin(doc.checked.by.org, writer.org)))
      return deny('a material becomes B only when a clerk of the writing office checked it against the original');
    const lost = (current.parties as string[]).find((p) => !doc.parties.includes(p));
    if (lost) return deny(`party ${lost} was dropped: parties only grow`);
  } else {
    const byResident = doc.author.id.startsWith('resident:');
    if (doc.level === 'C' ? !byResident : doc.level !== 'B' || byResident)
      return deny('a new material is B when a clerk scanned the original, C when the applicant uploaded it');
    if (doc.checked) return deny('a new material is not checked yet');
  }
  return decide(proofProblem(writer, raw, ctx));
}

/** The one attachment `file`: its type, and — when its bytes travel with this revision — their size and digest. */
async function attachmentProblem(
  raw: Record<string, unknown>,
  contentType: string,
  size: number,
  sha256: string,
): Promise<string | undefined> {
  const attachments = (raw._attachments ?? {}) as Record<
    string,
    { content_type?: string; data?: string; length?: number; stub?: boolean }
  >;
  const names = Object.keys(attachments);
  if (names.length !== 1 || names[0] !== 'file') return 'a material carries exactly one attachment, "file"';
  return attachedFileProblem(attachments.file!, { contentType, size, sha256 });
}

/**
 * Whether one attachment is the file a document records: an allowed type, and — when its bytes
 * travel with this revision (not a stub) — their size and SHA-256.
 */
export async function attachedFileProblem(
  file: { content_type?: string; data?: string },
  spec: { contentType: string; size: number; sha256: string },
): Promise<string | undefined> {
  if (file.content_type !== spec.contentType || !(MATERIAL_TYPES as readonly string[]).includes(spec.contentType))
    return `file type ${String(file.content_type)} is not allowed`;
  if (typeof file.data !== 'string') return undefined;
  const bytes = Uint8Array.from(atob(file.data), (ch) => ch.charCodeAt(0));
  if (bytes.byteLength !== spec.size) return "the file's size differs from the one recorded";
  return (await sha256Hex(bytes)) === spec.sha256 ? undefined : "the file's digest differs from the one recorded";
}
