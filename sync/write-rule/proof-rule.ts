import { docProofInput } from '../case-signing.js';
import { proofSchema } from '../signature.js';
import type { WriteContext, Writer } from './write-context.js';

/** Why a document's proof is not the writing node's own signature over this revision. */
export function proofProblem(writer: Writer, doc: Record<string, unknown>, ctx: WriteContext): string | undefined {
  const proof = proofSchema.safeParse(doc.proof);
  if (!proof.success) return 'the revision carries no proof of its writer';
  if (proof.data.kid !== writer.kid) return 'the revision is not signed by the writing node';
  return ctx.verify(proof.data.kid, docProofInput(doc, proof.data.kid), proof.data.sig)
    ? undefined
    : "the revision's proof does not verify";
}
