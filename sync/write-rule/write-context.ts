import type { CaseDoc } from '../case.js';
import type { GrantDoc } from '../grant.js';
import type { Matter } from '../matter.js';
import type { RatingDoc } from '../rating.js';
import type { WriteBounds } from './write-bounds.js';

/** Who writes: the node's organisation (from its certificate) and the id of its signing key. */
export interface Writer {
  org: string;
  kid: string;
}

/** A leaf revision of a document as the checker holds it. */
export interface HeldLeaf {
  rev: string;
  deleted: boolean;
  /** The body, for live leaves. */
  body?: Record<string, unknown>;
}

/** What the checker already holds under a document's id: its leaves and every revision id it knows (`3-abc`). */
export interface Held {
  leaves: HeldLeaf[];
  knownRevs: ReadonlySet<string>;
}

/** What a rule may look up beyond the document: the catalogue, other documents, the grants, time, signatures. */
export interface WriteContext {
  now: Date;
  bounds: WriteBounds;
  /** The matter's version in force today, or (with `version`) that published version: a case's own. */
  matter(code: string, version?: number): Matter | undefined;
  /** The case as held (merged over its live leaves), or undefined. */
  caseDoc(docId: string): Promise<CaseDoc | undefined>;
  /** The current body of any document held under `id` (a licence, a material), or undefined. */
  doc(id: string): Promise<Record<string, unknown> | undefined>;
  /** Who applied for case `caseId` (its header's applicant), as held, for materials taken from an earlier case. */
  applicantOf(caseId: string): Promise<{ idType: string; idNumber: string } | undefined>;
  /** A rating document as held, for follow-ups. */
  rating(id: string): Promise<RatingDoc | undefined>;
  grant(grantId: string): GrantDoc | undefined;
  /** Whether a grant not yet held verifies on top of the held ones, up to the district root. */
  grantVerifies(doc: GrantDoc): Promise<boolean>;
  /** Display name of a hall, as notices print it. */
  orgName(path: string): string;
  /** Whether `sig` is the signature of the key `kid` over `input` (the checker knows the writer's key). */
  verify(kid: string, input: string, sig: string): boolean;
}

/** A rule's answer; the reason goes back to the writer as CouchDB's per-document `forbidden`. */
export type WriteDecision = { ok: true } | { ok: false; reason: string };

export const allow: WriteDecision = { ok: true };
export const deny = (reason: string): WriteDecision => ({ ok: false, reason });
/** Allow, or deny with the problem found. */
export const decide = (problem: string | undefined): WriteDecision => (problem ? deny(problem) : allow);
