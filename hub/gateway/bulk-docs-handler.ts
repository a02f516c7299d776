import type { Context } from 'hono';
import { z } from 'zod';
import { recordStoreFailures, recordWrites, type WriteDecisionRecord } from '../audit/record-writes.js';
import type { WriteFailure } from '../store/store.js';
import { parseOrThrow, readJson } from '../../sync/index.js';
import type { GatewayDeps, GatewayEnv, NodeIdentity } from './gateway-types.js';
import { checkReplicatedDoc } from './replicated-doc.js';
import { DocLocks } from './doc-locks.js';
import { keepCaseAlive } from './keep-case-alive.js';
import { WriteBatch } from './write-batch.js';

const bulkDocsBody = z.object({
  docs: z.array(z.looseObject({ _id: z.string().min(1).max(300) })).max(10_000),
  new_edits: z.literal(false, { error: 'the hub stores replicated revisions only (new_edits:false)' }),
});

/** What other documents' rules read (a notice its case's or booking's state, a material its case's parties). */
const READ_BY_OTHERS = ['case', 'booking'];

/**
 * The order a batch is checked in: the documents others read first (a booking decided and the
 * notice of its decision go up in one batch), then the rest, tombstones last.
 */
function checkOrder(doc: Record<string, unknown>): number {
  if (doc._deleted === true) return READ_BY_OTHERS.length + 1;
  const read = READ_BY_OTHERS.indexOf(String(doc.type));
  return read < 0 ? READ_BY_OTHERS.length : read;
}

/**
 * `POST /db/_bulk_docs` with `new_edits:false`: every revision is checked on its own against the
 * write rule, on top of what the hub holds and what the batch has accepted before it; refused
 * ones are answered `forbidden` with a reason (PouchDB reports them as `denied` and moves on)
 * and are not stored, while the rest of the batch is. Answers only the failures, as CouchDB
 * does for replicated writes.
 */
export function bulkDocsHandler(deps: GatewayDeps) {
  const locks = new DocLocks();
  return async function bulkDocs(c: Context<GatewayEnv>) {
    const body = parseOrThrow(bulkDocsBody, await readJson(c), { where: 'body' });
    const node = c.get('node');
    const ordered = body.docs
      .map((doc, i) => ({ doc, i }))
      .sort((a, b) => checkOrder(a.doc) - checkOrder(b.doc) || a.i - b.i)
      .map(({ doc }) => doc);
    // Checked and stored after every earlier request writing any of these ids, not beside it; a
    // chunk at a time, so a huge request holds an id only while its chunk is checked, and a hall's
    // push naming that id waits for one chunk, not the whole request.
    const failures: WriteFailure[] = [];
    for (let i = 0; i < ordered.length; i += CHUNK) {
      const chunk = ordered.slice(i, i + CHUNK);
      failures.push(
        ...(await locks.run(
          chunk.map((d) => d._id),
          () => checkAndStore(deps, node, chunk),
        )),
      );
    }
    return c.json(failures, 201);
  };
}

/** Documents checked and stored under one hold of their ids: a node's push batch (`SYNC_BATCH_SIZE`). */
const CHUNK = 100;

async function checkAndStore(
  deps: GatewayDeps,
  node: NodeIdentity,
  docs: z.infer<typeof bulkDocsBody>['docs'],
): Promise<WriteFailure[]> {
  // The write rule reads what the hub already holds under each id: bring the index up to date first.
  await deps.index.refresh();
  const refused: WriteFailure[] = [];
  const decisions: WriteDecisionRecord[] = [];
  const batch = new WriteBatch(deps.store, deps.index);
  for (const raw of docs) {
    const rev = typeof raw._rev === 'string' ? raw._rev : undefined;
    const refuse = (reason: string) => {
      refused.push({ id: raw._id, ...(rev ? { rev } : {}), error: 'forbidden', reason });
      decisions.push({ doc: raw, accepted: false, reason });
    };
    const shape = checkReplicatedDoc(raw);
    if (!shape.ok) {
      refuse(shape.reason);
      continue;
    }
    // A revision held already is not written again (the store would ignore it), so its body is
    // neither checked nor taken into what the batch's later documents are checked against: a
    // twin under a held revision id would otherwise stand in for the checked one it copies.
    // One the node cannot see goes through the rule, which refuses it without saying it exists.
    if (rev && (await batch.holds(raw._id, rev)) && (await batch.seenBy(raw._id, node.org))) continue;
    const decision = await deps.mayWrite(node, shape.doc, batch);
    if (!decision.ok) {
      refuse(decision.reason);
      continue;
    }
    // Stamp tombstones with the parties they delete, so an index rebuilt later still routes them.
    const known = shape.doc._deleted ? deps.index.known(raw._id) : undefined;
    const stored = known
      ? { ...shape.doc, ...(known.type ? { type: known.type } : {}), parties: [...known.parties] }
      : shape.doc;
    await batch.accept(stored);
    decisions.push({ doc: stored, accepted: true });
  }
  const accepted = batch.accepted;
  for (const r of refused)
    deps.logger.info({ node: node.node, org: node.org, id: r.id, reason: r.reason }, 'write refused');
  // Logged before the store has them: a hub killed in between must not leave a stored revision
  // no log accepted (the node, never answered, pushes again elsewhere, where `_revs_diff` finds
  // it stored). A revision the store then fails to write is logged again, refused.
  await recordWrites(deps.audit, node, decisions);
  const failures = await deps.store.bulkDocs(accepted, { newEdits: false });
  await recordStoreFailures(deps.audit, node, decisions, failures);
  for (const doc of accepted)
    if (doc._deleted === true && doc.type === 'case') await keepCaseAlive(deps.store, doc, deps.logger);
  // Once a push is answered, every node's feed includes it (and longpolls wake now, not at the next poll).
  if (accepted.length > 0) await deps.index.refresh().catch(() => undefined); // stored all the same; the follower catches up
  return [...refused, ...failures];
}
