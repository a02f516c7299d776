import { z } from 'zod';
import { categoryNumberSchema } from './ticket.js';

/** A window's id as the director names it: short, lowercase, used in URLs (`w3`, `12`). */
export const windowIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, at most 20 / 小写字母、数字和短横线');

/**
 * One of the hall's service windows: the categories it serves (set by the director) and, while
 * open, the clerk it is bound to. Only that clerk calls at it.
 */
export const serviceWindowSchema = z.object({
  type: z.literal('window'),
  id: windowIdSchema,
  name: z.string().min(1).max(20),
  categories: z.array(categoryNumberSchema).min(1).max(15),
  open: z.boolean(),
  clerk: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  openedAt: z.iso.datetime({ offset: true }).optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ServiceWindow = z.infer<typeof serviceWindowSchema>;
