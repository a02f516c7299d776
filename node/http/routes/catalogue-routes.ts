import { z } from 'zod';
import { anyone, HallnetError, levelSchema, orgPathSchema, type Matter } from '../../../sync/index.js';
import type { NodeServices } from '../../services.js';
import type { NodeRoutes } from '../env.js';
import { matterCodeSchema } from '../path-params.js';
import { acceptsHere } from '../../domain/accepts-here.js';

const searchQuery = z.object({
  q: z.string().max(100).optional(),
  department: orgPathSchema.optional(),
  category: z.coerce.number().int().min(1).max(15).optional(),
  level: z.coerce.number().pipe(levelSchema).optional(),
  online: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Only what this hall's window may accept (its level; at a department's back office, its own matters). */
  here: z.enum(['true']).optional(),
});

/** The line a list shows for a matter; the full guide (办事指南) is one request away. */
function summary(m: Matter, s: NodeServices) {
  return {
    code: m.code,
    name: m.name,
    department: m.department,
    departmentName: s.reference.orgName(m.department),
    category: m.category,
    levels: m.levels,
    instant: m.instant,
    promisedDays: m.promisedDays,
    allowsMakeUp: m.allowsMakeUp,
    online: m.online,
    bookable: m.bookable,
    handledHere: acceptsHere(m, s.org, s.level),
  };
}

/** 一口发布: the catalogue is read-only at every node; the district publishes it through sync. */
export function registerCatalogueRoutes(routes: NodeRoutes, s: NodeServices): void {
  routes.add(
    {
      method: 'get',
      path: '/api/catalogue',
      tag: 'catalogue',
      summary: 'Search the catalogue by keyword, department, category, level',
      access: anyone,
      query: searchQuery,
    },
    (c, { query }) => {
      const { here, ...search } = query;
      const items = s.reference.catalogue
        .search(search)
        .filter((m) => !here || acceptsHere(m, s.org, s.level))
        .map((m) => summary(m, s));
      return c.json({ total: items.length, items });
    },
  );
  routes.add(
    {
      method: 'get',
      path: '/api/catalogue/:code',
      tag: 'catalogue',
      summary: 'One matter in full: its service guide (办事指南)',
      access: anyone,
      params: z.object({ code: matterCodeSchema }),
    },
    (c, { params }) => {
      const m = s.reference.catalogue.get(params.code);
      if (!m) throw new HallnetError('ERR_MATTER_UNKNOWN', params.code);
      const { _id, _rev, author, ...guide } = m;
      void _id, void _rev, void author;
      return c.json({
        ...guide,
        departmentName: s.reference.orgName(m.department),
        handledHere: acceptsHere(m, s.org, s.level),
      });
    },
  );
  routes.add(
    { method: 'get', path: '/api/categories', tag: 'catalogue', summary: "The hall's 15 categories", access: anyone },
    (c) =>
      c.json({
        items: [...s.reference.categories.values()]
          .sort((a, b) => a.number - b.number)
          .map(({ number, name }) => ({ number, name })),
      }),
  );
  routes.add(
    {
      method: 'get',
      path: '/api/organisations',
      tag: 'catalogue',
      summary: "The district's organisations",
      access: anyone,
    },
    (c) =>
      c.json({
        items: [...s.reference.organisations.values()]
          .sort((a, b) => a.path.localeCompare(b.path))
          .map(({ path, name, level, kind }) => ({ path, name, level, kind })),
      }),
  );
}
