// Pure, and bundled into the pages' browser code too (node/pages/browser/case-parts.ts): the window and
// the back office offer exactly the stage actions these rules allow, and the hub's write rule holds
// every node to them.
import type { Matter } from './matter.js';
import type { CaseState } from './case-state.js';

/** The index of the stage that may start next, or undefined when none may (not staged, running, or all done). */
export function nextStage(
  state: Pick<CaseState, 'stages'>,
  matter: Pick<Matter, 'stages'> | undefined,
): number | undefined {
  const stages = matter?.stages ?? [];
  const last = state.stages.at(-1);
  if (!last) return stages.length ? 0 : undefined;
  if (last.tasks.some((t) => t.status !== 'approved')) return undefined;
  return last.stage + 1 < stages.length ? last.stage + 1 : undefined;
}

/** True when a staged matter has every stage started and every task approved (or the matter has no stages). */
export function stagesDone(state: Pick<CaseState, 'stages'>, matter: Pick<Matter, 'stages'> | undefined): boolean {
  const stages = matter?.stages ?? [];
  if (!stages.length) return true;
  return (
    state.stages.length === stages.length && state.stages.every((st) => st.tasks.every((t) => t.status === 'approved'))
  );
}

/** Whether an approval would be the last one of its stage: the case then moves on by itself. */
export function completesStage(state: Pick<CaseState, 'stages'>, stage: number, department: string): boolean {
  const st = state.stages.find((s) => s.stage === stage);
  return Boolean(st?.tasks.every((t) => t.status === 'approved' || t.department === department));
}
