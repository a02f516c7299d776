import { z } from 'zod';
import { isDepartmentPath, type Level, type Matter } from '../../sync/index.js';
import { windowIdSchema } from './service-window.js';
import { categoryNumberSchema } from './ticket.js';

/** One window a hall opens with: its id, its name on the screen, the categories it serves. */
export interface WindowPlan {
  id: string;
  name: string;
  categories: number[];
}

const planSchema = z
  .array(
    z.object({
      id: windowIdSchema,
      name: z.string().trim().min(1).max(20),
      categories: z.array(categoryNumberSchema).min(1).max(15),
    }),
  )
  .min(1)
  .max(100);

/**
 * Reads `HALLNET_WINDOWS`: windows separated by `;`, each `id=name:categories` with categories as
 * numbers and ranges (`w1=1号窗口:1-3,15;w2=2号窗口:7,8`), or `none` for a hall without a floor
 * (a back office no resident walks into). Throws a zod error naming the part at fault.
 */
export function parseWindowPlan(text: string): WindowPlan[] {
  if (text.trim() === 'none') return [];
  const windows = text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^([^=]+)=([^:]+):(.+)$/.exec(part);
      if (!m) return { id: part, name: '', categories: [] };
      const categories = m[3]!.split(',').flatMap((c) => {
        const [from, to = from] = c.trim().split('-').map(Number);
        return Array.from({ length: Math.max(0, to! - from! + 1) }, (_, i) => from! + i);
      });
      return { id: m[1]!.trim(), name: m[2]!.trim(), categories: [...new Set(categories)].sort((a, b) => a - b) };
    });
  return planSchema.parse(windows);
}

/** How many comprehensive windows a hall of this kind opens with when its configuration names none. */
const DEFAULT_COUNT = { center: 8, department: 1, street: 3, community: 2 } as const;

/**
 * The windows a hall opens with when `HALLNET_WINDOWS` names none: comprehensive windows
 * (综合窗口, 一窗通办), each serving every category of the matters this hall's window may accept —
 * eight at the district center, three at a street office, two at a community station, one at a
 * department's back office. Empty until the catalogue is known.
 */
export function defaultWindowPlan(
  org: string,
  level: Level,
  acceptable: readonly Pick<Matter, 'category'>[],
): WindowPlan[] {
  const categories = [...new Set(acceptable.map((m) => m.category))].sort((a, b) => a - b);
  if (!categories.length) return [];
  const kind = isDepartmentPath(org) ? 'department' : level === 4 ? 'center' : level === 5 ? 'street' : 'community';
  return Array.from({ length: DEFAULT_COUNT[kind] }, (_, i) => ({
    id: `w${i + 1}`,
    name: `${i + 1}号窗口`,
    categories,
  }));
}
