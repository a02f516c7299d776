import type { Matter } from './matter.js';
import { isBelow, isDepartmentPath, levelOfPath } from './org-path.js';

/** Why a case may not be forwarded from the office holding it to `to`; undefined when it may (转报 goes upward, to an office that handles the matter). */
export function forwardProblem(
  matter: Matter | undefined,
  holder: string,
  to: string,
): 'not-upward' | 'not-handled' | undefined {
  const department = isDepartmentPath(to);
  const upward = department || isBelow(holder, to);
  if (!upward) return 'not-upward';
  const level = levelOfPath(to);
  const handles = department
    ? matter?.department === to || (matter?.stages ?? []).some((s) => s.departments.includes(to))
    : level !== undefined &&
      (matter?.levels.includes(level) ||
        (matter?.decidedBy === 'street' && level === 5) ||
        (matter?.decidedBy === 'district' && level === 4));
  return handles ? undefined : 'not-handled';
}

/**
 * Whether the office at `from` may return a case (退回补正) to `to`: only to a hall below it that
 * is a party of the case already (the window that took it in), never to a department's back office.
 */
export function mayReturnTo(parties: readonly string[], from: string, to: string): boolean {
  return parties.includes(to) && isBelow(to, from) && to.split('/')[1] !== 'dept';
}
