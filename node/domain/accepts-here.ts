import { isDepartmentPath, type Level, type Matter } from '../../sync/index.js';

/**
 * Whether the window of the hall `org` (at `level`) may accept a matter: the matter is handled at
 * that level, and a department's own back office takes only its own department's matters (the
 * comprehensive windows of the halls take everything of their level).
 */
export function acceptsHere(matter: Pick<Matter, 'levels' | 'department'>, org: string, level: Level): boolean {
  if (!matter.levels.includes(level)) return false;
  return !isDepartmentPath(org) || matter.department === org;
}
