import type { Context } from 'hono';
import { z } from 'zod';
import { HallnetError, idNumberProblem, idTypeSchema, resident, staff } from '../../../sync/index.js';
import { libraryOffers } from '../../library/library-offers.js';
import type { ResidentLibrary } from '../../library/resident-library.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { residentOf } from './my-cases-routes.js';

const matterQuery = z.object({ matter: z.string().min(1).max(50).optional() });
const lookupBody = z.object({
  idType: idTypeSchema,
  idNumber: z.string().min(1).max(40),
  matter: z.string().min(1).max(50).optional(),
});

/**
 * 一表一库 across the district: a holder's licences and the materials he handed in before, each
 * with its trust level, and — for a matter — which of its materials they spare him (免提交).
 * Through the hub while it answers; from this hall alone when it does not, and the answer says so.
 */
export function registerLibraryRoutes(routes: NodeRoutes, s: NodeServices): void {
  const answer = (c: Context, lib: ResidentLibrary, matterCode: string | undefined) => {
    const matter = matterCode ? s.reference.catalogue.get(matterCode) : undefined;
    if (matterCode && !matter)
      throw new HallnetError('ERR_MATTER_UNKNOWN', `no matter ${matterCode}`, {
        issues: [{ field: 'matter', reason: 'unknown matter / 事项不存在' }],
      });
    return c.json({
      ...lib,
      materials: lib.materials.map((m) => ({ ...m, hallName: s.reference.orgName(m.hall) })),
      // The holder's key stays out of the answer: taking a licence looks it up again here.
      licences: lib.licences.map(({ key: _key, ...l }) => l),
      ...(matter ? { offers: libraryOffers(matter, lib) } : {}),
    });
  };
  routes.add(
    {
      method: 'get',
      path: '/api/my/library',
      tag: 'residents',
      summary:
        "The calling resident's licences and earlier materials with their levels (verified residents only); with ?matter= what they spare him",
      access: resident,
      query: matterQuery,
    },
    async (c, { query, principal }) => {
      const p = residentOf(principal);
      if (!p.verified) throw new HallnetError('ERR_NOT_VERIFIED', 'the library answers verified residents only');
      const token = c.req.header('authorization')?.slice(7).trim() ?? '';
      return answer(
        c,
        await s.library.of({ idType: 'resident-id', idNumber: p.idNumber }, { resident: token }),
        query.matter,
      );
    },
  );
  routes.add(
    {
      method: 'post',
      path: '/api/library/lookup',
      tag: 'cases',
      summary:
        "The applicant's licences and earlier materials at the window (the ID number in the body, never in a URL); with matter, what they spare him",
      access: staff('clerk', 'director'),
      right: 'case.accept',
      body: lookupBody,
    },
    async (c, { body }) => {
      const problem = idNumberProblem(body.idType, body.idNumber);
      if (problem)
        throw new HallnetError('ERR_VALIDATION', problem, {
          issues: [{ field: 'idNumber', reason: `${problem} / 证件号码无效` }],
        });
      return answer(
        c,
        await s.library.of({ idType: body.idType, idNumber: body.idNumber }, { window: true }),
        body.matter,
      );
    },
  );
}
