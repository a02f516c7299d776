import { randomUUID } from 'node:crypto';
import { foldCase } from '../../sync/index.js';
import { mergeCase, type CaseDoc, type CaseEvent } from '../../sync/index.js';
import { caseDoc, UNSIGNED } from '../support/fixtures.js';
import { report } from './report.js';

const CASES = 10_000;

/** A case with a realistic log: acceptance, two materials, completion, and a conflicting twin. */
function sampleCase(i: number): CaseDoc[] {
  const doc = caseDoc(i % 2 ? 'dongcheng/jingshan/huangchenggen' : 'dongcheng/jingshan');
  const actor = { id: 'staff:bench', org: doc.scope };
  const at = (m: number) => new Date(Date.parse(doc.at) + m * 60_000).toISOString();
  const more: CaseEvent[] = [
    { id: randomUUID(), at: at(1), actor, ...UNSIGNED, kind: 'material-received', materialId: 'm1' },
    { id: randomUUID(), at: at(2), actor, ...UNSIGNED, kind: 'material-received', materialId: 'm2' },
    { id: randomUUID(), at: at(3), actor, ...UNSIGNED, kind: 'completed' },
  ];
  const winner = { ...doc, events: [...doc.events, ...more] };
  if (i % 10) return [winner];
  return [winner, { ...doc, events: [...doc.events, more[0]!] }];
}

/** Folding (and merging, for the one case in ten that is conflicted) 10,000 cases, against copying them once. */
export async function runFoldBench(): Promise<void> {
  const docs = Array.from({ length: CASES }, (_, i) => sampleCase(i));
  const t0 = performance.now();
  let completed = 0;
  for (const revs of docs) if (foldCase(mergeCase(revs)).status === 'completed') completed++;
  const foldMs = performance.now() - t0;
  if (completed !== CASES) throw new Error(`fold gave ${completed} completed of ${CASES}`);

  const t1 = performance.now();
  let copied = 0;
  for (const revs of docs) copied += structuredClone(revs[0]!).events.length;
  const copyMs = performance.now() - t1;
  if (copied !== CASES * 4) throw new Error('copy baseline lost events');

  report('fold.10000_cases', foldMs, 'ms');
  report('fold.baseline_structuredClone_10000', copyMs, 'ms');
  report('fold.vs_baseline', foldMs / copyMs, 'ratio');
}
