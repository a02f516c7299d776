import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_WRITE_BOUNDS, HallnetError, isClosed, levelOfMaterial, staff } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { caseIdSchema, materialDocIdSchema, materialIdSchema } from '../path-params.js';
import { checkUpload } from '../upload-check.js';
import { staffSees } from '../staff-sees.js';
import { actorOf } from './case-routes.js';

const MAX_FILE = DEFAULT_WRITE_BOUNDS.attachmentBytes;

/** Scans of the materials an applicant hands in (高拍仪), kept beside the case and travelling with it. */
export function registerMaterialRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'post',
      path: '/api/cases/:id/materials/:materialId',
      tag: 'cases',
      summary:
        'Upload the scan of one material (PDF, JPEG or PNG, at most 10 MiB as the raw body); records it as received',
      access: staff('clerk', 'back-office', 'director'),
      right: 'case.accept',
      params: z.object({ id: caseIdSchema, materialId: materialIdSchema }),
      maxBodyBytes: MAX_FILE,
    },
    async (c, { params, principal }) => {
      const caseId = params.id;
      const doc = await s.cases.get(`case:${caseId}`);
      const state = doc && s.index.trusted(doc);
      if (!doc || !state || !staffSees(principal, state.parties))
        throw new HallnetError('ERR_NOT_FOUND', `no case ${caseId}`);
      // The materials of the version the case was accepted under, not of a later one.
      const matter = s.reference.catalogue.ofCase(state);
      const spec = matter?.materials.find((m) => m.id === params.materialId);
      if (!spec)
        throw new HallnetError('ERR_VALIDATION', 'not a material of this matter', {
          issues: [{ field: 'materialId', reason: 'not a material of this matter / 非本事项材料' }],
        });
      if (isClosed(state.status))
        throw new HallnetError('ERR_CASE_STATE', `case already ${state.status}`, {
          issues: [{ field: 'id', reason: 'the case is closed / 办件已结束' }],
        });
      if (state.status === 'pre-review')
        throw new HallnetError('ERR_CASE_STATE', 'the application is in pre-review', {
          issues: [
            {
              field: 'id',
              reason:
                'the applicant adds to an application in pre-review / 预审中的网上申请由申请人补传材料，请先受理或要求补充',
            },
          ],
        });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const contentType = checkUpload('body', spec.name, c.req.header('content-type'), bytes, MAX_FILE);
      const actor = actorOf(principal, s.org);
      const at = s.clock().toISOString();
      const entry = await s.materials.add({
        caseId,
        parties: doc.parties,
        scope: s.org,
        materialId: spec.id,
        name: spec.name,
        contentType,
        bytes,
        author: actor,
        at,
      });
      if (!state.received.includes(spec.id)) {
        const saved = await s.cases.append(`case:${caseId}`, actor, () => ({
          events: [
            { id: randomUUID(), at, actor, kind: 'material-received', materialId: spec.id, note: '扫描件已上传' },
          ],
        }));
        s.index.put(saved);
      }
      const { _rev, author, ...view } = entry;
      void _rev, void author;
      return c.json(view, 201);
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/cases/:id/materials',
      tag: 'cases',
      summary: "The scans of a case's materials held here",
      access: staff('clerk', 'back-office', 'director', 'supervisor'),
      params: z.object({ id: caseIdSchema }),
    },
    async (c, { params, principal }) => {
      const caseId = params.id;
      const state = s.index.get(caseId);
      if (!state || !staffSees(principal, state.parties)) throw new HallnetError('ERR_NOT_FOUND', `no case ${caseId}`);
      const items = (await s.materials.list(caseId)).map((m) => ({
        id: m._id,
        materialId: m.materialId,
        name: m.name,
        contentType: m.contentType,
        size: m.size,
        sha256: m.sha256,
        at: m.at,
        level: levelOfMaterial(m),
        checked: m.checked,
      }));
      return c.json({ items });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/materials/:docId/file',
      tag: 'cases',
      summary: 'The file of one scanned material',
      access: staff('clerk', 'back-office', 'director', 'supervisor'),
      params: z.object({ docId: materialDocIdSchema }),
    },
    async (_c, { params, principal }) => {
      const file = await s.materials.file(params.docId);
      const state = file && s.index.get(file.caseId);
      if (!file || !state || !staffSees(principal, state.parties))
        throw new HallnetError('ERR_NOT_FOUND', 'no such material here');
      return new Response(file.bytes, {
        headers: { 'content-type': file.contentType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
      });
    },
  );
}
