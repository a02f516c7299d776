import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  MATERIAL_TYPES,
  matterFileSchema,
  parseOrThrow,
  HallnetError,
  isoDateSchema,
  matterDraftDocId,
  matterDraftProblems,
  matterDraftSchema,
  matterFieldsChecked,
  matterVersionDocId,
  staff,
  type MatterDraftDoc,
} from '../../../sync/index.js';
import { isCityMatter } from '../../domain/is-city-matter.js';
import { chinaDate } from '../../domain/working-days.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { matterCodeSchema } from '../path-params.js';
import { actorOf } from './case-routes.js';

const proposalBody = z.strictObject({
  /** What the new version says; left out when the draft retires the matter. */
  matter: matterFieldsChecked.optional(),
  retire: z.literal(true).optional(),
  effectiveFrom: isoDateSchema,
});
const newDraftBody = proposalBody.extend({ code: matterCodeSchema });
const draftParams = z.object({ code: matterCodeSchema, version: z.coerce.number().int().min(1).max(100_000) });
const fileParams = draftParams.extend({ fileId: matterFileSchema.shape.id });
const fileQuery = z.strictObject({ title: matterFileSchema.shape.title, kind: matterFileSchema.shape.kind });
const contentTypeSchema = z.enum(MATERIAL_TYPES, {
  message: `must be one of ${MATERIAL_TYPES.join(', ')} / 须为 PDF、JPEG 或 PNG`,
});
const MAX_FILE = 10 * 1024 * 1024;

/** A draft as stored: with the stubs of its files, which every later revision must carry on. */
type HeldDraft = MatterDraftDoc & { _attachments?: Record<string, unknown> };

/** A draft as the editor shows it. */
function draftView(d: MatterDraftDoc) {
  const { _rev, proof, ...rest } = d;
  void _rev, void proof;
  return rest;
}

/**
 * 事项管理 (一口管理、一口发布) at the district center: its admins (catalogue.publish, the district's
 * own right) draft a matter's next version or its retirement, a second admin approves it, and it is
 * published as the version document every hall receives through sync, in force from its date.
 * Drafts are signed documents the center alone holds; every step is checked by the write rule the
 * hub applies too. A version never changes once published: a correction is the next version.
 * A matter of the city catalogue (全市通办) is the city's to manage: read-only here.
 */
export function registerCatalogueAdminRoutes(routes: NodeRoutes, s: NodeServices): void {
  const district = s.org.split('/')[0]!;
  const centerOnly = () => {
    if (s.org !== district) {
      throw new HallnetError('ERR_SCOPE_FORBIDDEN', `the catalogue is edited at the district center, not at ${s.org}`, {
        issues: [
          {
            field: 'node',
            reason: 'the district center alone manages the catalogue / 事项目录由区政务服务中心统一管理',
          },
        ],
      });
    }
  };
  const today = () => chinaDate(s.clock());
  const checkProposal = (body: z.infer<typeof proposalBody>, code: string) => {
    if (body.effectiveFrom < today()) {
      throw new HallnetError('ERR_VALIDATION', `effective date ${body.effectiveFrom} is in the past`, {
        issues: [{ field: 'body.effectiveFrom', reason: `not before today (${today()}) / 生效日期不能早于今天` }],
      });
    }
    if (!body.matter === !body.retire) {
      throw new HallnetError('ERR_VALIDATION', 'a draft proposes a matter or retires it', {
        issues: [{ field: 'body.matter', reason: 'give the matter, or retire: true / 须填写事项内容，或申请下线' }],
      });
    }
    if (body.matter && body.matter.code !== code)
      throw new HallnetError('ERR_VALIDATION', 'the matter is of another code', {
        issues: [{ field: 'body.matter.code', reason: `must be ${code} / 须为 ${code}` }],
      });
    if (body.retire && !s.reference.catalogue.latest(code))
      throw new HallnetError('ERR_MATTER_UNKNOWN', `no matter ${code} to retire`, {
        issues: [{ field: 'body.code', reason: 'no such matter / 事项不存在' }],
      });
    const issues = body.matter ? matterDraftProblems(body.matter, 'body.matter') : [];
    if (issues.length)
      throw new HallnetError('ERR_VALIDATION', 'the material list does not meet the catalogue rules', { issues });
  };
  const read = async (code: string, version: number, withFiles = false): Promise<HeldDraft> => {
    const doc = (await s.db.get(matterDraftDocId(code, version), { attachments: withFiles }).catch(() => undefined)) as
      | { _attachments?: Record<string, unknown> }
      | undefined;
    const draft = matterDraftSchema.safeParse(doc);
    if (!draft.success) throw new HallnetError('ERR_NOT_FOUND', `no draft ${code}@${version}`);
    return { ...draft.data, ...(doc?._attachments ? { _attachments: doc._attachments } : {}) };
  };
  const stateIs = (d: MatterDraftDoc, ...states: MatterDraftDoc['state'][]) => {
    if (!states.includes(d.state))
      throw new HallnetError('ERR_DRAFT_STATE', `the draft is ${d.state}`, { detail: { state: d.state } });
  };

  routes.add(
    {
      method: 'get',
      path: '/api/catalogue-drafts',
      tag: 'catalogue',
      summary:
        "The district's matter drafts, approved and published ones included (who drafted, reviewed and published each)",
      access: staff('admin'),
      right: 'catalogue.publish',
    },
    async (c) => {
      centerOnly();
      const rows = await s.db.allDocs({ startkey: 'matter-draft:', endkey: 'matter-draft:\ufff0', include_docs: true });
      const items = rows.rows.flatMap((r) => {
        const d = matterDraftSchema.safeParse(r.doc);
        return d.success ? [draftView(d.data)] : [];
      });
      return c.json({ items });
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/catalogue-drafts',
      tag: 'catalogue',
      summary:
        "Draft a matter's next version (a new matter's first) or its retirement, in force from a date not before today",
      access: staff('admin'),
      right: 'catalogue.publish',
      body: newDraftBody,
    },
    async (c, { body, principal }) => {
      centerOnly();
      const { code, ...proposal } = body;
      const current = s.reference.catalogue.latest(code);
      if (current && isCityMatter(current, district))
        throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${code} is a matter of the city catalogue (${current.scope})`, {
          issues: [
            {
              field: 'body.code',
              reason:
                '全市通办事项由市级统一管理、发布，区级只读 / a matter of the city catalogue (全市通办) is managed and published by the city alone',
            },
          ],
        });
      checkProposal(proposal, code);
      const held = await s.db.allDocs({ startkey: `matter-draft:${code}@`, endkey: `matter-draft:${code}@\ufff0` });
      const version =
        Math.max(
          s.reference.catalogue.latest(code)?.version ?? 0,
          ...held.rows.map((r) => Number(r.id.split('@').pop())),
        ) + 1;
      const actor = actorOf(principal, s.org);
      const doc: MatterDraftDoc = {
        _id: matterDraftDocId(code, version),
        type: 'matter-draft',
        scope: district,
        parties: [district],
        author: actor,
        at: s.clock().toISOString(),
        code,
        version,
        ...(proposal.matter ? { matter: proposal.matter } : {}),
        retire: proposal.retire === true,
        effectiveFrom: proposal.effectiveFrom,
        drafter: actor,
        state: 'draft',
      };
      const stored = await s.guard.put(doc);
      return c.json(draftView(stored), 201);
    },
  );

  routes.add(
    {
      method: 'put',
      path: '/api/catalogue-drafts/:code/:version',
      tag: 'catalogue',
      summary: 'Change a draft not yet published; an approved one goes back to draft and needs a review again',
      access: staff('admin'),
      right: 'catalogue.publish',
      params: draftParams,
      body: proposalBody,
    },
    async (c, { params, body, principal }) => {
      centerOnly();
      const draft = await read(params.code, params.version);
      stateIs(draft, 'draft', 'approved');
      checkProposal(body, params.code);
      const { review, matter, _attachments, ...rest } = draft;
      void review, void _attachments;
      // The files uploaded to the draft stay with it (an edit names the matter's fields, not its files).
      const files = body.matter ? matter?.files : undefined;
      const next: HeldDraft = {
        ...rest,
        ...(body.matter ? { matter: { ...body.matter, ...(files ? { files } : {}) } } : {}),
        ...(files?.length ? { _attachments } : {}),
        retire: body.retire === true,
        effectiveFrom: body.effectiveFrom,
        state: 'draft',
        author: actorOf(principal, s.org),
        at: s.clock().toISOString(),
      };
      return c.json(draftView(await s.guard.put(next)));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/catalogue-drafts/:code/:version/approve',
      tag: 'catalogue',
      summary: 'A second admin, not the drafter, approves the draft as it stands',
      access: staff('admin'),
      right: 'catalogue.publish',
      params: draftParams,
    },
    async (c, { params, principal }) => {
      centerOnly();
      const draft = await read(params.code, params.version);
      stateIs(draft, 'draft');
      const actor = actorOf(principal, s.org);
      if (actor.id === draft.drafter.id)
        throw new HallnetError('ERR_REVIEW_BY_DRAFTER', `${actor.id} drafted ${params.code}@${params.version}`);
      const at = s.clock().toISOString();
      return c.json(
        draftView(await s.guard.put({ ...draft, state: 'approved', review: { by: actor, at }, author: actor, at })),
      );
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/catalogue-drafts/:code/:version/publish',
      tag: 'catalogue',
      summary: 'Publish an approved draft as the matter version every hall receives, in force from its date',
      access: staff('admin'),
      right: 'catalogue.publish',
      params: draftParams,
    },
    async (c, { params, principal }) => {
      centerOnly();
      const draft = await read(params.code, params.version, true);
      if (draft.state === 'draft')
        throw new HallnetError('ERR_DRAFT_NOT_REVIEWED', `${params.code}@${params.version} is not approved`);
      stateIs(draft, 'approved');
      if (draft.effectiveFrom < today()) {
        throw new HallnetError('ERR_VALIDATION', `effective date ${draft.effectiveFrom} has passed`, {
          issues: [
            {
              field: 'effectiveFrom',
              reason:
                "the draft's effective date has passed: change it and have it reviewed again / 生效日期已过，请修改后重新审核",
            },
          ],
        });
      }
      const base = draft.matter ?? s.reference.catalogue.latest(draft.code);
      if (!base) throw new HallnetError('ERR_MATTER_UNKNOWN', draft.code);
      const actor = actorOf(principal, s.org);
      const at = s.clock().toISOString();
      const {
        _id,
        _rev,
        author,
        at: _at,
        proof,
        version: _v,
        effectiveFrom: _e,
        retired: _r,
        type: _t,
        scope: _s,
        parties: _p,
        ...fields
      } = base as typeof base & Record<string, unknown>;
      void _id, void _rev, void author, void _at, void proof, void _v, void _e, void _r, void _t, void _s, void _p;
      const version = {
        _id: matterVersionDocId(draft.code, draft.version),
        type: 'matter' as const,
        scope: district,
        parties: [district],
        author: actor,
        at,
        ...fields,
        version: draft.version,
        effectiveFrom: draft.effectiveFrom,
        ...(draft.retire ? { retired: true } : {}),
        // The blank forms and samples travel with the version to every hall.
        ...(draft._attachments && !draft.retire ? { _attachments: draft._attachments } : {}),
      };
      await s.guard.put(version);
      const done: MatterDraftDoc = { ...draft, state: 'published', published: { by: actor, at }, author: actor, at };
      const published = await s.guard.put(done);
      s.logger.info(
        {
          code: draft.code,
          version: draft.version,
          effectiveFrom: draft.effectiveFrom,
          retire: draft.retire,
          by: actor.id,
        },
        'matter version published',
      );
      return c.json(draftView(published));
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/catalogue-drafts/:code/:version/files/:fileId',
      tag: 'catalogue',
      summary:
        "Attach a blank form or a sample (PDF, JPEG or PNG, at most 10 MiB as the raw body) to a draft not yet published, under the file's id; an approved draft goes back to draft",
      access: staff('admin'),
      right: 'catalogue.publish',
      params: fileParams,
      query: fileQuery,
      maxBodyBytes: MAX_FILE,
    },
    async (c, { params, query, principal }) => {
      centerOnly();
      const draft = await read(params.code, params.version);
      stateIs(draft, 'draft', 'approved');
      if (!draft.matter)
        throw new HallnetError('ERR_VALIDATION', 'a retirement carries no files', {
          issues: [{ field: 'version', reason: 'a retirement carries no files / 下线申请不附表格' }],
        });
      const contentType = parseOrThrow(contentTypeSchema, c.req.header('content-type')?.split(';')[0]?.trim(), {
        where: 'header.content-type',
      });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!bytes.byteLength)
        throw new HallnetError('ERR_VALIDATION', 'empty file', {
          issues: [{ field: 'body', reason: 'empty file / 文件为空' }],
        });
      const file = {
        id: params.fileId,
        ...query,
        contentType,
        size: bytes.byteLength,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      const { review, ...rest } = draft;
      void review;
      const files = [...(draft.matter.files ?? []).filter((f) => f.id !== file.id), file];
      const next: HeldDraft = {
        ...rest,
        matter: { ...draft.matter, files },
        _attachments: {
          ...(draft._attachments ?? {}),
          [file.id]: { content_type: contentType, data: Buffer.from(bytes).toString('base64') },
        },
        state: 'draft',
        author: actorOf(principal, s.org),
        at: s.clock().toISOString(),
      };
      await s.guard.put(next);
      return c.json(file, 201);
    },
  );
}
