import { isPublicType, type DocType } from '../envelope.js';
import type { CaseDoc } from '../case.js';
import { isWithin } from '../org-path.js';
import { validateDoc } from '../validate-doc.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
import { checkCase, checkCaseRemoval } from './case-rule.js';
import { checkGrant } from './grant-rule.js';
import { checkLicence } from './licence-rule.js';
import { checkMaterial } from './material-rule.js';
import { checkMatterDraft } from './matter-draft-rule.js';
import { checkMatter } from './matter-rule.js';
import { checkNotice } from './notice-rule.js';
import { checkBooking } from './booking-rule.js';
import { checkStaffChange } from './staff-change-rule.js';
import { checkQueueSummary } from './queue-summary-rule.js';
import { checkRating } from './rating-rule.js';
import { checkResident, checkResidentRemoval } from './resident-rule.js';
import { checkRevocation } from './revocation-rule.js';
import { revisionProblem, type Revisions } from './revision-rule.js';
import { strayField } from './stray-field.js';
import { allow, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** What the write rule says of one document type: who may create it, who may change it and how, what deleting means. */
export interface TypeRule {
  create: string;
  change: string;
  remove: string;
}

/** Public types written below the district, each by its own rule. */
const SELF_WRITTEN: ReadonlySet<string> = new Set(['grant', 'revocation', 'licence', 'staff-change']);

const PUBLIC: TypeRule = {
  create: 'the district root only',
  change: 'the district root only',
  remove: 'the district root only',
};

/**
 * The write rule, one line per document type (design §3). The hub applies it to every replicated
 * revision, every node to its own writes before they are made and to what it receives before it
 * acts on it. "Writer" is the writing node's organisation, from its certificate.
 */
export const WRITE_RULES: Record<DocType, TypeRule> = {
  organisation: PUBLIC,
  matter: {
    create:
      'the district root only, signed by its node, under the id of its code and version, scope and parties the district',
    change: 'never: a published version stays as it is (a change or a retirement is a new version)',
    remove: 'the district root only',
  },
  category: PUBLIC,
  calendar: PUBLIC,
  jwks: PUBLIC,
  certificate: PUBLIC,
  settings: PUBLIC,
  report: {
    create: 'the hub itself only (written around the gateway)',
    change: 'the hub itself only',
    remove: 'the hub itself only',
  },
  grant: {
    create:
      "its grantor, under the hash of its signed form, grantee inside the grantor's subtree, chain verifying from the root",
    change: 'never',
    remove: 'never (a revocation ends it)',
  },
  revocation: {
    create:
      'of a certificate: the district root; of a grant: an organisation at or above its grantor, signed by its node, under the id its target gives',
    change: 'never',
    remove: 'never',
  },
  case: {
    create:
      'the hall it names as scope, acceptance first, every event signed by that node, parties only where its own events sent it',
    change:
      "append only, at least one new event, at most two unmerged branches per node: every earlier event kept unchanged and in order (what no revision orders, in the merge's order), every event the writing node signed or an office it acts for wrote kept, new events signed by the writing node, acting inside its subtree, admissible for their office (one responsible office decides); header never changes; parties grow only by forwarding (to an office the matter allows) and stages",
    remove: 'only retiring a conflicting branch whose every event another live revision keeps',
  },
  resident: {
    create: 'its own hall only (scope = writer, parties = [scope]), under the id of hall and applicant, signed',
    change: 'its own hall only, signed',
    remove: 'its own hall',
  },
  material: {
    create:
      "an office involved in the case, parties among the case's, one file of an allowed type and size matching its digest, signed",
    change: 'an office involved in the case: parties grow, nothing else changes, signed',
    remove: 'never',
  },
  notice: {
    create:
      "the hall that accepted the case (the one sender), to its applicant, saying only what the case calls for (its id names the event or deadline that fixes template and parameters); a booking's one notice by the hall that decided it, to the booking's phone; text exactly its template's, signed",
    change: 'that hall: sending state only, attempts only grow, a sent notice stays sent, signed',
    remove: 'never (the record of what was sent)',
  },
  licence: {
    create:
      "the office that completed its case, as the completion recorded it (number, type, validity, holder bound by the key on the case), sealed by that office's node; public, without personal data",
    change: 'only revoked, once, by the issuer or an office above it, signed',
    remove: 'never (the register keeps what was issued)',
  },
  rating: {
    create:
      "a completed case's rating about exactly that case, by its accepting hall (device, SMS link, default) or an office holding it (the resident online); a visit's by the hall that served it; a follow-up by the hall rated; signed",
    change: "only a resident's rating replacing a default one",
    remove: 'never',
  },
  'queue-summary': {
    create:
      'its own hall only (scope = hall = writer, parties = [scope]), under the id of its day and hall, counts and times only, signed',
    change: 'its own hall only, signed, until it is final',
    remove: 'never',
  },
  booking: {
    create:
      "a resident's own, at the hall whose portal he used (scope = writer = his author's hall), for a hall of the district that handles the bookable matter, parties exactly those two, as a request, signed",
    change:
      'the hall it is for decides it once (booked with its appointment, or refused with a reason) and marks it checked in; either hall may cancel it while asked for or booked; nothing else changes; signed',
    remove: 'never',
  },
  'staff-change': {
    create:
      'the node an admin acted at, in its own name (scope = parties = writer), by a member of its staff, for an account of its subtree, signed; public, no personal data: it only prompts every node to pull the void tokens',
    change: 'that node, signed: `from` only moves on',
    remove: 'never',
  },
  'matter-draft': {
    create:
      'the district center only (scope = parties = the district), as a draft under the id of its code and version, proposing a matter of that code without a catch-all material clause (or its retirement), signed',
    change:
      'the district center, signed: edited while not published (an approved draft goes back to draft), approved by another admin than its drafter, published only as approved; code, version and drafter never change; a published draft never changes',
    remove: 'never (the record of who drafted, reviewed and published)',
  },
};

/**
 * Checks one revision a writer wants stored, against what the checker already holds under its id
 * (`held`, absent for a new document). A bare tombstone (`_deleted`) is checked by what deleting
 * means for the held document's type.
 */
export async function checkWrite(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  const revisions = raw._revisions as Revisions | undefined;
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) return deny(`nested more than ${MAX_JSON_DEPTH} levels deep`);
  const history = revisionProblem(revisions, held, ctx.bounds.revisions);
  if (history) return deny(history);
  const current = held?.leaves.find((l) => !l.deleted && l.body)?.body;
  const root = !writer.org.includes('/');
  if (raw._deleted === true) return checkRemoval(writer, raw, held, current, root);

  const check = validateDoc(raw);
  if (!check.ok) return deny(`invalid document: ${check.reason}`);
  const { type, scope, author } = check.doc;
  if (current && current.type !== type) return deny('a document never changes its type');
  const limit = type === 'case' ? ctx.bounds.caseBytes : ctx.bounds.docBytes;
  const bytes = byteLength(raw);
  if (bytes > limit) return deny(`${bytes} bytes exceed the bound of ${limit} for a ${type} document`);
  // A schema's parse drops a field it does not name, so the document would be stored with it.
  const stray = strayField(type, raw);
  if (stray) return deny(`invalid document: ${stray}: a ${type} document has no such field`);
  if (!isWithin(author.org, writer.org)) return deny(`author ${author.org} is outside ${writer.org}`);
  if (type === 'report') return deny("reports are the hub's own");
  if (type === 'matter') return checkMatter(writer, raw, held, ctx);
  if (isPublicType(type) && !SELF_WRITTEN.has(type))
    return root ? allow : deny(`only the district may write ${type} documents`);
  // An online application is the resident's, placed at the hall that handles it (the case rule checks it).
  if (!current && !isWithin(scope, writer.org) && !isOnlineApplication(raw))
    return deny(`scope ${scope} is outside ${writer.org}`);
  if (raw._attachments && type !== 'material' && type !== 'matter-draft')
    return deny('only a material or a matter draft carries a file');
  switch (type) {
    case 'case':
      return checkCase(writer, raw, check.parsed as CaseDoc, held, ctx);
    case 'resident':
      return checkResident(writer, raw, held, ctx);
    case 'material':
      return checkMaterial(writer, raw, held, ctx);
    case 'notice':
      return checkNotice(writer, raw, held, ctx);
    case 'rating':
      return checkRating(writer, raw, held, ctx);
    case 'queue-summary':
      return checkQueueSummary(writer, raw, held, ctx);
    case 'booking':
      return checkBooking(writer, raw, held, ctx);
    case 'matter-draft':
      return checkMatterDraft(writer, raw, held, ctx);
    case 'grant':
      return checkGrant(writer, raw, current, ctx);
    case 'revocation':
      return checkRevocation(writer, raw, current, ctx);
    case 'licence':
      return checkLicence(writer, raw, held, ctx);
    case 'staff-change':
      return checkStaffChange(writer, raw, current, ctx);
    default:
      return deny(`no rule admits ${type} documents`);
  }
}

function checkRemoval(
  writer: Writer,
  raw: Record<string, unknown>,
  held: Held | undefined,
  current: Record<string, unknown> | undefined,
  root: boolean,
): WriteDecision {
  if (!held || !current) return deny('nothing held to delete');
  const type = String(current.type);
  if (isPublicType(type) && !SELF_WRITTEN.has(type))
    return root ? allow : deny(`only the district may delete ${type} documents`);
  if (type === 'case') return checkCaseRemoval(raw, held);
  if (type === 'resident') return checkResidentRemoval(writer, held);
  return deny(`a ${type} document is never deleted (${WRITE_RULES[type as DocType]?.remove ?? 'no rule'})`);
}

/** UTF-8 bytes of the document's JSON without its files and history. */
function byteLength(raw: Record<string, unknown>): number {
  const { _attachments: _a, _revisions: _r, ...rest } = raw;
  void _a;
  void _r;
  return new TextEncoder().encode(JSON.stringify(rest)).byteLength;
}

/** A new case whose first event is an online application. */
function isOnlineApplication(raw: Record<string, unknown>): boolean {
  const events = raw.events;
  return (
    raw.type === 'case' && Array.isArray(events) && (events[0] as { kind?: unknown } | undefined)?.kind === 'applied'
  );
}
