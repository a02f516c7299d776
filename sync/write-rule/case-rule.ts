import { canonicalJson } from '../canonical-json.js';
import { chinaDate } from '../china-date.js';
import type { CaseDoc, CaseEvent } from '../case.js';
import { officeProblem, CASE_FLAG_TEXT } from '../case-office.js';
import { caseHeaderOf, eventSigningInput } from '../case-signing.js';
import { applyEvent, foldCase, type CaseState } from '../case-state.js';
import { forwardProblem, mayReturnTo } from '../forward-target.js';
import { mergeCase } from '../merge-case.js';
import type { Matter } from '../matter.js';
import { isWithin, levelOfPath } from '../org-path.js';
import { stagesDone } from '../stage-rules.js';
import { libraryProblem, licencesProblem } from './library-check.js';
import { parentLeaves, type Revised } from './parent-leaves.js';
import { strayPath } from './stray-field.js';
import { allow, deny, type Held, type WriteContext, type WriteDecision, type Writer } from './write-context.js';

/** Live branches of one case whose latest event one node signed: an honest node has one at most. */
const MAX_OWN_BRANCHES = 2;

/**
 * A case is an append-only log (design §4). Created by the hall it names as scope, with an
 * acceptance first; changed only by appending events signed by the writing node and admissible
 * for their office at that point (`officeProblem`), after every event of the revisions it
 * replaces, unchanged and in order, and after every event the writer signed and every event of an
 * office it acts for; its header never changes; its parties grow only through
 * forwarding and stages, to offices the matter allows. Deleting is retiring a conflicting
 * branch whose every event another live revision keeps. `doc` is `raw` as the case schema reads
 * it (`validateDoc` has parsed it).
 */
export async function checkCase(
  writer: Writer,
  raw: Record<string, unknown>,
  doc: CaseDoc,
  held: Held | undefined,
  ctx: WriteContext,
): Promise<WriteDecision> {
  if (doc.events.length > ctx.bounds.caseEvents)
    return deny(`${doc.events.length} events exceed the bound of ${ctx.bounds.caseEvents} per case`);
  const live = (held?.leaves ?? []).filter((l) => !l.deleted && l.body) as unknown as { rev: string; body: CaseDoc }[];
  const strayInEvent = newEventStray(raw, doc, live);
  if (strayInEvent) return deny(`invalid document: ${strayInEvent}: a case document has no such field`);
  if (!held || live.length === 0) {
    if (held) return deny('the case was retired here; it cannot be written again');
    return checkCreation(writer, doc, ctx);
  }
  const header = canonicalJson(caseHeaderOf(live[0]!.body));
  if (canonicalJson(caseHeaderOf(doc)) !== header) return deny("a case's scope, matter and applicant never change");

  const known = new Map<string, string>();
  for (const leaf of live) for (const e of leaf.body.events) known.set(e.id, canonicalJson(e));
  const firstNew = doc.events.findIndex((e) => !known.has(e.id));
  const old = firstNew < 0 ? doc.events : doc.events.slice(0, firstNew);
  const added = firstNew < 0 ? [] : doc.events.slice(firstNew);
  for (const e of old)
    if (known.get(e.id) !== canonicalJson(e))
      return deny(`event ${e.id} differs from the one held: earlier events never change`);
  for (const e of added) if (known.has(e.id)) return deny('new events go after every earlier one');
  for (const leaf of live) {
    if (!keepsOrder(leaf.body.events, old)) return deny('earlier events must keep their order');
  }
  // What no live revision orders, the merge orders (the holding office's acts first), every node
  // alike. A revision that listed another office's decision after its own concurrent act would
  // make that order causal and overturn the decision.
  if (live.length > 1 && !keepsOrder(mergeCase(live.map((l) => l.body)).events, old))
    return deny('events no revision orders keep the order the merge gives them: the office holding the case first');
  const kept = new Set(old.map((e) => e.id));
  const parents = parentLeaves(live, raw as Revised);
  // A node writes a case only to append to it: a branch beside the live revisions with nothing new
  // would only multiply the conflicts every read merges.
  if (parents.length === 0 && added.length === 0) return deny('a revision beside the live ones adds an event');
  // A node writes on its own latest revision, so it has at most one branch of a case awaiting the
  // hub's merge (within a minute). Each branch makes every later write on the case merge one more;
  // every branch ends on its writer's own event.
  if (parents.length === 0 && live.filter((l) => l.body.events.at(-1)?.kid === writer.kid).length >= MAX_OWN_BRANCHES)
    return deny(`this node has ${MAX_OWN_BRANCHES} branches of the case the hub has not merged yet: write on them`);
  for (const leaf of parents) {
    const dropped = leaf.body.events.find((e) => !kept.has(e.id));
    if (dropped) return deny(`event ${dropped.id} of the revision replaced is missing: a case only grows`);
  }
  // A node writes on everything it signed itself (its replica holds it, and it writes on the case
  // merged over its leaves): a revision without one of its own events is a branch cut from before
  // it, the way a hall that forwarded a case would decide it anyway, its decision dated back.
  for (const leaf of live) {
    const own = leaf.body.events.find((e) => e.kid === writer.kid && !kept.has(e.id));
    if (own) return deny(`event ${own.id} this node signed is missing: a node writes on its own events`);
  }
  // A node may act for an office below it (that office's clerk logged in there). It then writes on
  // that office's case as the office would, after everything the office did: a branch without one
  // of its events is cut from before it, the way a street would refuse, as its station, a case the
  // station had forwarded, its refusal dated back.
  const actedFor = new Set(added.map((e) => e.actor.org).filter((org) => org !== writer.org));
  for (const leaf of live) {
    const skipped = leaf.body.events.find(
      (e) => !kept.has(e.id) && [...actedFor].some((org) => isWithin(e.actor.org, org)),
    );
    if (skipped)
      return deny(
        `event ${skipped.id} of ${skipped.actor.org} is missing: a node acting for an office writes on that office's events`,
      );
  }
  let state: CaseState;
  try {
    state = foldCase({ ...doc, events: old });
  } catch {
    return deny('the case has no valid acceptance');
  }
  const appended = await appendAll(writer, doc, state, added, ctx);
  if (!appended.ok) return appended;
  const allowed = new Set([...live.flatMap((l) => l.body.parties), ...state.parties]);
  const stray = doc.parties.find((p) => !allowed.has(p));
  if (stray) return deny(`party ${stray} was not made one by forwarding or a stage`);
  const keptParties = new Set(doc.parties);
  for (const leaf of parents) {
    const lost = leaf.body.parties.find((p) => !keptParties.has(p));
    if (lost) return deny(`party ${lost} was dropped: parties only grow`);
  }
  // Parties decide who holds and sees the case: a branch naming fewer than its own events made
  // would keep it from the offices they sent it to.
  const unnamed = state.parties.find((p) => !keptParties.has(p));
  if (unnamed) return deny(`party ${unnamed} is missing: the case's own events made it one`);
  // Merging branches is the hub's, around the gateway; a node's revision appends. So every branch
  // ends on its writer's own event, as the count of a node's branches above reads it.
  if (added.length === 0) return deny('a case revision adds an event');
  return allow;
}

async function checkCreation(writer: Writer, doc: CaseDoc, ctx: WriteContext): Promise<WriteDecision> {
  const [first, ...rest] = doc.events;
  if (first?.kind === 'applied') {
    // 网上申请 is the resident's act, not the writing hall's: whichever hall's portal he used carries it
    // to the hall that handles the matter, which alone decides it (in 预审) and can accept it.
    if (!first.actor.id.startsWith('resident:')) return deny('an online application is made by a resident');
    const matter = caseMatter(doc, ctx);
    if (matter?.online !== true) return deny(`${doc.matterCode} is not applied for online`);
    const level = levelOfPath(doc.scope);
    const handles =
      doc.scope === matter.department ||
      (level !== undefined && matter.levels.includes(level) && doc.scope.split('/')[1] !== 'dept');
    if (!handles) return deny(`${doc.scope} does not handle ${doc.matterCode}`);
    if (!isWithin(doc.scope, writer.org.split('/')[0]!)) return deny(`${doc.scope} is outside the district`);
    const library = await libraryProblem(doc, first.library, first.at, ctx);
    if (library) return deny(library);
  } else if (first?.kind === 'accepted') {
    if (!isWithin(doc.scope, writer.org)) return deny(`scope ${doc.scope} is outside ${writer.org}`);
    if (!isWithin(first.actor.org, doc.scope)) return deny('the acceptance is by the hall the case names');
  } else {
    return deny('a case begins with its acceptance or an online application');
  }
  const signed = signatureProblem(writer, doc, first, ctx);
  if (signed) return deny(signed);
  const version = versionProblem(doc, first.at, ctx);
  if (version) return deny(version);
  const committed = commitmentProblem(doc, first, ctx);
  if (committed) return deny(committed);
  const state = foldCase({ ...doc, events: [first] });
  if (first.kind === 'accepted') {
    const library = await libraryProblem(doc, first.library ?? [], first.at, ctx);
    if (library) return deny(library);
  }
  const appended = await appendAll(writer, doc, state, rest, ctx);
  if (!appended.ok) return appended;
  const derived = new Set(state.parties);
  if (doc.parties.length !== derived.size || doc.parties.some((p) => !derived.has(p)))
    return deny("a new case's parties are its hall and where its own events sent it");
  return allow;
}

/** Checks each new event in turn against the case as folded so far, then folds it in. */
async function appendAll(
  writer: Writer,
  doc: CaseDoc,
  state: CaseState,
  added: readonly CaseEvent[],
  ctx: WriteContext,
): Promise<WriteDecision> {
  for (const e of added) {
    const signed = signatureProblem(writer, doc, e, ctx);
    if (signed) return deny(signed);
    const office = officeProblem(state, e);
    if (office) return deny(`${e.kind} by ${e.actor.org}: ${CASE_FLAG_TEXT[office]}`);
    if (e.kind === 'forwarded') {
      const problem = forwardProblem(caseMatter(doc, ctx), state.holder, e.to);
      if (problem)
        return deny(
          `forwarding to ${e.to}: ${problem === 'not-upward' ? 'only upward or to a department' : 'that office does not handle the matter'}`,
        );
    }
    if (e.kind === 'returned' && !mayReturnTo(state.parties, state.holder, e.to))
      return deny(`returning to ${e.to}: only to a hall below the office holding the case that took it in`);
    if (e.kind === 'completed' && !stagesDone(state, caseMatter(doc, ctx)))
      return deny("completed before every approval stage of the matter's ran and approved (并联审批)");
    if (e.kind === 'stage-started') {
      const spec = caseMatter(doc, ctx)?.stages?.[e.stage];
      if (!spec || canonicalJson([...spec.departments].sort()) !== canonicalJson([...e.departments].sort()))
        return deny(`stage ${e.stage + 1} is not the matter's`);
    }
    if (e.kind === 'accepted' && !e.actor.id.startsWith('staff:'))
      return deny('an online application is accepted by a clerk');
    const library =
      e.kind === 'accepted' || e.kind === 'amended' ? await libraryProblem(doc, e.library ?? [], e.at, ctx) : undefined;
    if (library) return deny(library);
    if (e.kind === 'completed') {
      const licences = licencesProblem(caseMatter(doc, ctx), e);
      if (licences) return deny(licences);
    }
    applyEvent(state, e);
  }
  return allow;
}

/**
 * The matter version the case was accepted under (version 1 when it names none): its forwards,
 * stages and licences are judged by it, as the windows act by it (`Catalogue.ofCase`), never by
 * a version published later.
 */
function caseMatter(doc: CaseDoc, ctx: WriteContext): Matter | undefined {
  return ctx.matter(doc.matterCode, doc.matterVersion ?? 1);
}

/**
 * A new case names a published version that had come into force by the day it was accepted: a
 * hall offline may still use the version before (it has not received the next), but none may use
 * a version not yet in force or one that retires the matter.
 */
function versionProblem(doc: CaseDoc, at: string, ctx: WriteContext): string | undefined {
  const matter = caseMatter(doc, ctx);
  const named = `${doc.matterCode} version ${doc.matterVersion ?? 1}`;
  if (!matter) return `${named} is not published`;
  if (matter.retired) return `${named} retires the matter`;
  if ((matter.effectiveFrom ?? '') > chinaDate(new Date(at))) return `${named} was not yet in force on ${at}`;
  return undefined;
}

/** Why a new event is not the writer's own, signed and acting within the writer's subtree. */
function signatureProblem(writer: Writer, doc: CaseDoc, e: CaseEvent, ctx: WriteContext): string | undefined {
  if (e.kid !== writer.kid) return `event ${e.id} is not signed by the writing node`;
  if (!ctx.verify(e.kid, eventSigningInput(doc._id, e, doc), e.sig)) return `event ${e.id}: signature does not verify`;
  if (!isWithin(e.actor.org, writer.org)) return `event ${e.id} names ${e.actor.org}, outside ${writer.org}`;
  return undefined;
}

/** Whether the events of `leaf` that appear in `events` appear there in the leaf's order. */
function keepsOrder(leaf: readonly CaseEvent[], events: readonly CaseEvent[]): boolean {
  const position = new Map(events.map((e, i) => [e.id, i]));
  let last = -1;
  for (const e of leaf) {
    const at = position.get(e.id);
    if (at === undefined) continue;
    if (at < last) return false;
    last = at;
  }
  return true;
}

/** A tombstone on a case retires a conflicting branch only: every event of the leaf it replaces lives on in another live leaf. */
export function checkCaseRemoval(raw: Record<string, unknown>, held: Held | undefined): WriteDecision {
  const live = (held?.leaves ?? []).filter((l) => !l.deleted && l.body) as unknown as { rev: string; body: CaseDoc }[];
  const [retired] = parentLeaves(live, raw as Revised);
  if (!retired) return deny('a case is never deleted');
  const others = live.filter((l) => l !== retired);
  const keeps = others.some((l) => {
    const held = new Map(l.body.events.map((e) => [e.id, canonicalJson(e)]));
    return retired.body.events.every((e) => held.get(e.id) === canonicalJson(e));
  });
  return keeps
    ? allow
    : deny('a case is never deleted: only a branch whose events another revision keeps may be retired');
}

/** 告知承诺 only for a material the case's own matter version allows it for. */
function commitmentProblem(
  doc: CaseDoc,
  first: Extract<CaseEvent, { kind: 'accepted' | 'applied' }>,
  ctx: WriteContext,
): string | undefined {
  if (!first.commitments?.length) return undefined;
  const matter = caseMatter(doc, ctx);
  const refused = first.commitments.find(
    (c) => !matter?.materials.some((m) => m.id === c.materialId && m.commitment === true),
  );
  return refused && `${refused.materialId} of ${doc.matterCode} allows no commitment (告知承诺)`;
}

/** Where a new event (one no held leaf has) carries a field its kind does not have: `events.3.junk`. */
function newEventStray(
  raw: Record<string, unknown>,
  doc: CaseDoc,
  live: readonly { body: CaseDoc }[],
): string | undefined {
  const held = new Set(live.flatMap((l) => l.body.events.map((e) => e.id)));
  const rawEvents = raw.events as unknown[];
  for (const [i, e] of doc.events.entries()) {
    if (held.has(e.id)) continue;
    const path = strayPath(rawEvents[i], e);
    if (path) return `events.${i}.${path}`;
  }
  return undefined;
}
