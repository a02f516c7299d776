import { currentAt, servedCategories, type QueueContext, type QueueState, type ScreenEvent } from './queue-state.js';
import { estimateWaitMinutes } from './estimate-wait.js';
import { categoryLetter } from './ticket-number.js';

/**
 * What the hall's calling screen shows: each open window with the number it serves, the latest
 * calls, and how many wait in each category. Numbers only, never a name.
 */
export function screenSnapshot(
  state: QueueState,
  recent: readonly ScreenEvent[],
  ctx: Pick<QueueContext, 'now' | 'hallName' | 'categoryName'>,
) {
  const waiting = new Map<number, number>();
  for (const c of servedCategories(state)) {
    let n = 0;
    for (const t of state.index.liveOf(c)) if (t.state === 'waiting') n++;
    waiting.set(c, n);
  }
  return {
    hall: ctx.hallName,
    day: state.day,
    at: ctx.now.toISOString(),
    windows: [...state.windows.values()]
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
      .map((w) => ({
        id: w.id,
        name: w.name,
        open: w.open,
        serving: w.open ? (currentAt(state, w.id)?.number ?? null) : null,
      })),
    recentCalls: recent.map((e) => ({
      number: e.number,
      windowId: e.windowId,
      windowName: e.windowName,
      at: e.at,
      kind: e.kind,
    })),
    waiting: [...servedCategories(state)]
      .sort((a, b) => a - b)
      .map((c) => ({
        category: c,
        letter: categoryLetter(c),
        name: ctx.categoryName(c),
        waiting: waiting.get(c) ?? 0,
        estimatedWaitMinutes: estimateWaitMinutes(state, c, waiting.get(c) ?? 0),
      })),
  };
}
export type ScreenSnapshot = ReturnType<typeof screenSnapshot>;
