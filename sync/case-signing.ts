import type { CaseDoc, CaseEvent, UnsignedCaseEvent } from './case.js';
import { canonicalJson } from './canonical-json.js';

/** What a case says of itself beyond its events: fixed at acceptance and signed with it. */
export type CaseHeader = Pick<
  CaseDoc,
  'scope' | 'matterCode' | 'matterName' | 'matterVersion' | 'department' | 'queryCode' | 'applicant'
>;

/** The header of a case document, as the acceptance event's signature covers it. */
export function caseHeaderOf(doc: CaseHeader): CaseHeader {
  const { scope, matterCode, matterName, matterVersion, department, queryCode, applicant } = doc;
  // A case accepted before matters had versions signed no version: its header stays as signed.
  return {
    scope,
    matterCode,
    matterName,
    ...(matterVersion === undefined ? {} : { matterVersion }),
    department,
    queryCode,
    applicant,
  };
}

/**
 * The bytes a node signs for one event of a case: the event with its key id, bound to the case
 * id (so it cannot be moved to another case), and for the first event (the acceptance, or an
 * online application) also the case's header (so nobody can change the applicant or the matter
 * later). Everything but `sig` itself is covered.
 */
export function eventSigningInput(
  caseId: string,
  event: (UnsignedCaseEvent & { kid: string }) | CaseEvent,
  header: CaseHeader,
): string {
  const { sig: _sig, ...signed } = event as CaseEvent;
  void _sig;
  return canonicalJson({
    v: 1,
    case: caseId,
    event: signed,
    ...(event.kind === 'accepted' || event.kind === 'applied' ? { header: caseHeaderOf(header) } : {}),
  });
}

/** Fields that are the store's or the signature's own, never covered by a document's proof. */
const UNSIGNED_FIELDS = new Set(['_rev', '_revisions', '_attachments', '_conflicts', '_deleted', 'proof']);

/**
 * The bytes a node signs as a document's proof: every field of the revision but the store's own
 * (`_rev`, `_revisions`, attachment stubs) and the proof itself, bound to the signing key id. A
 * material's file is covered through its `sha256` field, which the write rule checks against the bytes.
 */
export function docProofInput(doc: Record<string, unknown>, kid: string): string {
  const covered: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!UNSIGNED_FIELDS.has(k)) covered[k] = v;
  return canonicalJson({ v: 1, kid, doc: covered });
}
