import { z } from 'zod';
import { categoryNumberSchema } from './ticket.js';
import type { Decision, QueueContext, QueueState } from './queue-state.js';
import type { ServiceWindow } from './service-window.js';

/** The director's setting of one window: its name on the screen and the categories it serves. */
export const windowSetupSchema = z.object({
  name: z.string().trim().min(1).max(20),
  categories: z
    .array(categoryNumberSchema)
    .min(1)
    .max(15)
    .transform((cs) => [...new Set(cs)].sort((a, b) => a - b)),
});
export type WindowSetup = z.infer<typeof windowSetupSchema>;

/** Creates a window or changes its name and categories; an open window stays open under its clerk. */
export function setupWindow(
  state: QueueState,
  id: string,
  setup: WindowSetup,
  ctx: QueueContext,
): Decision<ServiceWindow> {
  const prev = state.windows.get(id);
  const window: ServiceWindow = prev
    ? { ...prev, name: setup.name, categories: setup.categories, updatedAt: ctx.now.toISOString() }
    : {
        type: 'window',
        id,
        name: setup.name,
        categories: setup.categories,
        open: false,
        updatedAt: ctx.now.toISOString(),
      };
  return { result: window, change: { windows: [window] } };
}
