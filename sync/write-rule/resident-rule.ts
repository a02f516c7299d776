import { residentDocId, residentDocSchema } from '../resident.js';
import { proofProblem } from './proof-rule.js';
import { allow, decide, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** 一表一库 stays in its hall: written, changed and removed only by the hall it belongs to, under the id its applicant gives. */
export async function checkResident(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const doc = residentDocSchema.parse(raw);
  if (doc.scope !== writer.org) return deny(`a register record belongs to its own hall, not ${doc.scope}`);
  if (doc.parties.length !== 1 || doc.parties[0] !== doc.scope) return deny('a register record stays in its hall');
  if (doc._id !== (await residentDocId(doc.scope, doc.applicant.idType, doc.applicant.idNumber)))
    return deny("a register record's id is its hall and applicant");
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  if (current && current.scope !== writer.org) return deny('only the hall it belongs to changes a register record');
  return decide(proofProblem(writer, raw, ctx));
}

/** A hall may remove its own register record. */
export function checkResidentRemoval(writer: Writer, held: Held | undefined): WriteDecision {
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  return current?.scope === writer.org ? allow : deny('only the hall it belongs to removes a register record');
}
