// What a window serves, as the queue panel and the window setup say it.
import type { QueueWindow } from './queue-types.js';

/**
 * A window's categories in words: a window serving every category the hall has (`hallCategories`)
 * reads as one 综合窗口, not fifteen names; else each by name.
 */
export function servedText(w: Pick<QueueWindow, 'categories' | 'categoryNames'>, hallCategories?: number): string {
  return hallCategories !== undefined && w.categories.length >= hallCategories
    ? `全部 ${w.categories.length} 类（综合窗口）`
    : w.categoryNames.join('、');
}
