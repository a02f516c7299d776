import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import {
  DEFAULT_WRITE_BOUNDS,
  foldCase,
  HallnetError,
  jsonString,
  orgPathSchema,
  parseOrThrow,
  resident,
  sizeInChinese,
  staff,
  type Applicant,
  type CaseState,
  type LibraryUse,
  type Matter,
} from '../../../sync/index.js';
import type { Principal } from '../../../identity/index.js';
import { applyOnline, defaultPlacement, handlesOnline } from '../../domain/apply-online.js';
import { decideReview } from '../../domain/review-application.js';
import { libraryPickSchema, resolvePicks, type LibraryPick } from '../../library/resolve-picks.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema, materialDocIdSchema } from '../path-params.js';
import { checkUpload } from '../upload-check.js';
import { actorOf, caseView } from './case-routes.js';
import { residentOf } from './my-cases-routes.js';

/** One application's files together: a phone's photos of four or five materials. More goes in later with 补传. */
const MAX_APPLICATION_BYTES = 40 * 1024 * 1024;
const MAX_FILE = DEFAULT_WRITE_BOUNDS.attachmentBytes;
/** A material's file travels in the form as `material.<material id>`. */
const FILE_FIELD = /^material\.([a-z0-9-]{1,40})$/;

const picksField = jsonString(z.array(libraryPickSchema).max(50));

const applyFields = z.object({
  matterCode: z.string().min(1).max(50),
  /** The hall to handle it; by default the nearest hall at or above this one that handles the matter. */
  org: orgPathSchema.optional(),
  /** Materials taken from the resident's library instead of uploading (免提交), as JSON. */
  library: picksField.optional(),
  /** Materials the resident stands for by ticking the 告知承诺书 (level D): their ids, comma-separated. */
  commitments: z
    .string()
    .max(800)
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'material ids, comma-separated / 材料编号，以逗号分隔')
    .transform((v) => v.split(','))
    .optional(),
});
const amendFields = z.object({ library: picksField.optional() });

const reviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept') }),
  z.object({
    decision: z.literal('amend'),
    materials: z.array(z.string().max(40)).min(1).max(50),
    note: z.string().min(1).max(300),
  }),
  z.object({ decision: z.literal('refuse'), reason: z.string().min(1).max(500) }),
]);

const caseParams = z.object({ id: caseIdSchema });

type Upload = { bytes: Uint8Array; contentType: ReturnType<typeof checkUpload>; name: string };

/** The form of a multipart request: its text fields, and its files by material id (one each). */
async function readForm(c: Context): Promise<{ fields: Record<string, string>; files: Map<string, File> }> {
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (err) {
    throw new HallnetError('ERR_UNSUPPORTED_MEDIA_TYPE', 'expected multipart/form-data', {
      cause: err,
      issues: [{ field: 'body', reason: 'send the application as multipart/form-data / 请以表单方式提交' }],
    });
  }
  const fields: Record<string, string> = {};
  const files = new Map<string, File>();
  for (const [key, value] of Object.entries(form)) {
    if (Array.isArray(value))
      throw new HallnetError('ERR_VALIDATION', `${key} given twice`, {
        issues: [
          {
            field: key,
            reason: 'one file per material; put several pages in one PDF / 每项材料上传一个文件，多页请合并为一个 PDF',
          },
        ],
      });
    const id = FILE_FIELD.exec(key)?.[1];
    if (id === undefined) {
      if (typeof value === 'string') fields[key] = value;
    } else if (value instanceof File) {
      files.set(id, value);
    } else {
      throw new HallnetError('ERR_VALIDATION', `${key} is not a file`, {
        issues: [{ field: key, reason: 'not a file / 不是文件' }],
      });
    }
  }
  return { fields, files };
}

/** Each file checked against the matter's materials and the bounds every material has (413, 415), before anything is written. */
async function checkFiles(files: Map<string, File>, matter: Matter): Promise<Map<string, Upload>> {
  const out = new Map<string, Upload>();
  for (const [id, file] of files) {
    const field = `material.${id}`;
    const spec = matter.materials.find((m) => m.id === id);
    if (!spec)
      throw new HallnetError('ERR_VALIDATION', `no material ${id}`, {
        issues: [{ field, reason: `${id} is not a material of this matter / 非本事项材料` }],
      });
    const bytes = new Uint8Array(await file.arrayBuffer());
    out.set(id, { bytes, contentType: checkUpload(field, spec.name, file.type, bytes, MAX_FILE), name: spec.name });
  }
  return out;
}

/** The bearer token of the request (the resident's, relayed to the hub for his library). */
const bearer = (c: Context) => c.req.header('authorization')?.slice(7).trim() ?? '';

/** The resident's own application, or 404 — the same answer whether it is another's or does not exist. */
function ownApplication(s: NodeServices, p: Extract<Principal, { kind: 'resident' }>, id: string): CaseState {
  const state = s.index.get(id);
  if (!state || state.appliedBy?.id !== `resident:${p.id}` || state.applicant.idNumber !== p.idNumber)
    throw new HallnetError('ERR_NOT_FOUND', `no application ${id} of yours here`);
  return state;
}

/** An application as its resident follows it: the case, the scans he sent with their levels, what the clerk asked for. */
async function applicationView(s: NodeServices, state: CaseState) {
  const files = (await s.materials.list(state.id)).map((m) => ({
    materialId: m.materialId,
    name: m.name,
    level: m.level ?? 'B',
    at: m.at,
    size: m.size,
  }));
  return { ...caseView(state, s), files };
}

/**
 * 网上办理 (GB/T 39047: apply, track, feedback): a resident applies with each material uploaded
 * (or taken from his library: 免提交), at any hall's portal, for the hall that will handle it;
 * the case waits there in 预审 until a clerk of that hall accepts it (the deadline starts then),
 * asks for more (the resident adds it here), or refuses it. A second application for the same
 * matter while one is open is refused, naming the open one.
 */
export function registerOnlineApplyRoutes(routes: NodeRoutes, s: NodeServices): void {
  const holderOf = (p: Extract<Principal, { kind: 'resident' }>) => ({
    idType: 'resident-id' as const,
    idNumber: p.idNumber,
  });
  const takePicks = async (
    c: Context,
    p: Extract<Principal, { kind: 'resident' }>,
    picks: LibraryPick[] | undefined,
    matter: Matter,
  ): Promise<LibraryUse[]> => {
    if (!picks?.length) return [];
    if (!p.verified)
      throw new HallnetError('ERR_NOT_VERIFIED', 'the library answers verified residents only', {
        issues: [{ field: 'library', reason: 'verify your identity at a window first / 免提交须先到窗口核验身份' }],
      });
    const holder = holderOf(p);
    return resolvePicks(picks, matter, holder, () => s.library.of(holder, { resident: bearer(c) }), s.licences);
  };

  routes.add(
    {
      method: 'post',
      path: '/api/online/applications',
      tag: 'online',
      summary: `Apply online (multipart/form-data: matterCode, optional org, optional library picks as JSON, one file per material as "material.<id>": PDF, JPEG or PNG, at most ${sizeInChinese(MAX_FILE)} each); the case waits in 预审 at the hall that handles it`,
      access: resident,
      maxBodyBytes: MAX_APPLICATION_BYTES,
    },
    async (c, { principal }) => {
      const p = residentOf(principal);
      const form = await readForm(c);
      const body = parseOrThrow(applyFields, form.fields, { where: 'body' });
      const matter = s.reference.catalogue.get(body.matterCode);
      if (!matter)
        throw new HallnetError('ERR_MATTER_UNKNOWN', `no matter ${body.matterCode}`, {
          issues: [{ field: 'matterCode', reason: 'unknown matter / 事项不存在' }],
        });
      const files = await checkFiles(form.files, matter);
      const open = s.index
        .list({ applicantId: p.idNumber, matter: matter.code }, s.clock(), 0, 50)
        .items.find((c) => c.status === 'pre-review' || c.status === 'processing');
      if (open) {
        throw new HallnetError('ERR_APPLICATION_OPEN', `case ${open.queryCode} for ${matter.name} is open`, {
          issues: [
            {
              field: 'matterCode',
              reason: `case ${open.queryCode} is open / 您已有同一事项正在办理的申请（查询码 ${open.queryCode}），请勿重复申请`,
            },
          ],
          detail: {
            caseId: open.id,
            queryCode: open.queryCode,
            status: open.status,
            link: `/portal/applications/${open.id}`,
          },
        });
      }
      const scope = body.org ?? defaultPlacement(matter, s.org);
      if (!handlesOnline(matter, scope))
        throw new HallnetError('ERR_MATTER_LEVEL', `${scope} does not handle ${matter.name}`, {
          issues: [{ field: 'org', reason: 'that hall does not handle the matter / 该机构不办理此事项' }],
        });
      const library = await takePicks(c, p, body.library, matter);
      const applicant: Applicant = {
        kind: 'person',
        name: p.name,
        idType: 'resident-id',
        idNumber: p.idNumber,
        phone: p.phone,
      };
      const actor = actorOf(principal, s.org);
      const doc = applyOnline(
        { matter, applicant, uploaded: [...files.keys()], library, scope, commitments: body.commitments },
        actor,
        s.clock(),
      );
      const saved = await s.cases.create(doc);
      s.index.put(saved);
      const caseId = saved._id.slice(5);
      for (const [materialId, f] of files) {
        await s.materials.add({
          caseId,
          parties: saved.parties,
          scope: s.org,
          materialId,
          name: f.name,
          contentType: f.contentType,
          bytes: f.bytes,
          author: actor,
          at: doc.at,
        });
      }
      return c.json(await applicationView(s, foldCase(saved)), 201);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/online/applications/:id',
      tag: 'online',
      summary:
        "The calling resident's own online application: its state, what the clerk asked for, the files he sent with their levels",
      access: resident,
      params: caseParams,
    },
    async (c, { params, principal }) =>
      c.json(await applicationView(s, ownApplication(s, residentOf(principal), params.id))),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/online/applications/:id/materials',
      tag: 'online',
      summary:
        'Add to an application in 预审 (multipart/form-data: files as "material.<id>", optional library picks): what the clerk asked for, or what the resident adds',
      access: resident,
      params: caseParams,
      maxBodyBytes: MAX_APPLICATION_BYTES,
    },
    async (c, { params, principal }) => {
      const p = residentOf(principal);
      const state = ownApplication(s, p, params.id);
      const matter = s.reference.catalogue.ofCase(state);
      if (!matter) throw new HallnetError('ERR_MATTER_UNKNOWN', `no matter ${state.matterCode}`);
      if (state.status !== 'pre-review')
        throw new HallnetError('ERR_CASE_STATE', `case is ${state.status}`, {
          issues: [
            { field: 'id', reason: 'the application is no longer in pre-review / 申请已不在预审中，请到窗口办理' },
          ],
        });
      const form = await readForm(c);
      const body = parseOrThrow(amendFields, form.fields, { where: 'body' });
      const files = await checkFiles(form.files, matter);
      const library = await takePicks(c, p, body.library, matter);
      if (!files.size && !library.length)
        throw new HallnetError('ERR_VALIDATION', 'nothing to add', {
          issues: [{ field: 'body', reason: 'upload a file or take one from your library / 请上传材料' }],
        });
      const actor = actorOf(principal, s.org);
      const at = s.clock().toISOString();
      for (const [materialId, f] of files) {
        await s.materials.add({
          caseId: state.id,
          parties: state.parties,
          scope: s.org,
          materialId,
          name: f.name,
          contentType: f.contentType,
          bytes: f.bytes,
          author: actor,
          at,
        });
      }
      const saved = await s.cases.append(`case:${state.id}`, actor, (current) => {
        if (foldCase(current).status !== 'pre-review')
          throw new HallnetError('ERR_CASE_STATE', 'no longer in pre-review');
        return { events: [{ id: randomUUID(), at, actor, kind: 'amended', materials: [...files.keys()], library }] };
      });
      s.index.put(saved);
      return c.json(await applicationView(s, foldCase(saved)), 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/cases/:id/review',
      tag: 'online',
      summary:
        '预审: accept an online application (its deadline starts now), ask the resident for more materials (with the list), or refuse it with a reason; each is told to him by SMS and on the portal',
      access: staff('clerk', 'director'),
      right: 'case.accept',
      params: caseParams,
      body: reviewBody,
    },
    async (c, { params, body, principal }) => {
      const actor = actorOf(principal, s.org);
      const saved = await s.cases.append(`case:${params.id}`, actor, (current) => {
        const state = foldCase(current);
        return {
          events: decideReview(state, body, {
            matter: s.reference.catalogue.ofCase(state),
            actor,
            now: s.clock(),
            calendar: s.reference.calendar,
          }),
        };
      });
      s.index.put(saved);
      return c.json(caseView(foldCase(saved), s), 201);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/materials/:docId/check',
      tag: 'online',
      summary:
        'The clerk has checked an uploaded (C) file against the original: it becomes B, reusable without paper afterwards',
      access: staff('clerk', 'director'),
      right: 'case.accept',
      params: z.object({ docId: materialDocIdSchema }),
    },
    async (c, { params, principal }) => {
      const entry = await s.materials
        .checkOriginal(params.docId, actorOf(principal, s.org), s.clock().toISOString())
        .catch((err: { status?: number }) => {
          if (err.status === 404) throw new HallnetError('ERR_NOT_FOUND', 'no such material here');
          throw err;
        });
      return c.json({
        id: entry._id,
        materialId: entry.materialId,
        name: entry.name,
        level: entry.level ?? 'B',
        checked: entry.checked,
      });
    },
  );
}
