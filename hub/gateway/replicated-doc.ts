import { z } from 'zod';
import type { StoredDoc } from '../store/store.js';
import { revSchema } from './couch-params.js';

const SPECIAL = new Set(['_id', '_rev', '_revisions', '_deleted', '_attachments']);

/** An attachment as a replicating PouchDB sends it: inline data, never a stub. */
const attachmentSchema = z.strictObject({
  content_type: z.string().min(1).max(200),
  data: z.base64(),
  digest: z.string().max(200).optional(),
  revpos: z.number().int().min(1).optional(),
  length: z.number().int().min(0).optional(),
});

/**
 * The protocol shape of one replicated revision, checked before anything reaches the store:
 * the embedded PouchDB crashes the whole hub on an empty `_revisions.ids`, silently stores a
 * `_revisions` that contradicts `_rev`, and fails the whole batch (not the one document) on a
 * missing attachment stub or bad base64. A revision after the first carries its history (PouchDB's
 * and CouchDB's replicators always send it): the write rule roots it in what is held, and without
 * one a revision of any generation would start a second history beside the held one.
 */
const replicatedDocSchema = z
  .looseObject({
    _id: z
      .string()
      .min(1)
      .max(300)
      .refine((id) => !id.startsWith('_'), 'ids starting with "_" are reserved'),
    _rev: revSchema,
    _revisions: z
      .strictObject({
        start: z.number().int().min(1),
        ids: z
          .array(z.string().regex(/^[0-9a-zA-Z]{1,64}$/))
          .min(1)
          .max(10_000),
      })
      .optional(),
    _deleted: z.boolean().optional(),
    _attachments: z.record(z.string().min(1).max(255), attachmentSchema).optional(),
  })
  .superRefine((doc, ctx) => {
    for (const key of Object.keys(doc)) {
      if (key.startsWith('_') && !SPECIAL.has(key))
        ctx.addIssue({ code: 'custom', message: `unexpected field ${key}`, path: [key] });
    }
    const [gen, hash] = doc._rev.split('-');
    const h = doc._revisions;
    if (!h) {
      // A first revision's history is itself alone (written out below).
      if (gen !== '1')
        ctx.addIssue({
          code: 'custom',
          message: 'a revision after the first carries its history',
          path: ['_revisions'],
        });
      return;
    }
    if (h.start !== Number(gen) || h.ids[0] !== hash || h.ids.length > h.start) {
      ctx.addIssue({ code: 'custom', message: '_revisions does not end at _rev', path: ['_revisions'] });
    }
    // Each generation has its own hash: a repeated one names no history a writer made.
    if (new Set(h.ids).size !== h.ids.length)
      ctx.addIssue({ code: 'custom', message: '_revisions repeats a revision', path: ['_revisions'] });
  });

/** Checks one revision of a `_bulk_docs` batch; a failure is that document's refusal, not the batch's. */
export function checkReplicatedDoc(raw: unknown): { ok: true; doc: StoredDoc } | { ok: false; reason: string } {
  const r = replicatedDocSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      reason: `malformed: ${r.error.issues.map((i) => `${i.path.join('.') || '(doc)'}: ${i.message}`).join('; ')}`,
    };
  }
  // A first revision's history is itself alone: written out, the write rule roots it like any other.
  const doc = r.data as StoredDoc;
  return doc._revisions
    ? { ok: true, doc }
    : { ok: true, doc: { ...doc, _revisions: { start: 1, ids: [String(doc._rev).slice(2)] } } };
}
