import type { SupervisionSettings } from '../../sync/index.js';

/** The figures the overall score is made of; null when a group has none (no cases, no tickets…). */
export interface ScoreParts {
  instantRate: number | null;
  onTimeRate: number | null;
  /** Counting default ratings, as the 评议器 rule counts an unrated case. */
  satisfactionRate: number | null;
  avgWaitMinutes: number | null;
}

/**
 * 综合考评: the weighted mean, on 0–100, of the instant-completion rate, the on-time rate, the
 * satisfaction rate and a queue score (1 up to the target wait, target/wait beyond it), with the
 * district's weights. A figure a group lacks is left out with its weight rather than counted as 0,
 * so a back office with no queue is not marked down for it. Null when nothing can be scored.
 */
export function overallScore(
  p: ScoreParts,
  settings: Pick<SupervisionSettings, 'weights' | 'queueTargetMinutes'>,
): number | null {
  const w = settings.weights;
  const queue =
    p.avgWaitMinutes === null
      ? null
      : p.avgWaitMinutes <= settings.queueTargetMinutes
        ? 1
        : settings.queueTargetMinutes / p.avgWaitMinutes;
  const parts: [number, number | null][] = [
    [w.instant, p.instantRate],
    [w.onTime, p.onTimeRate],
    [w.satisfaction, p.satisfactionRate],
    [w.queue, queue],
  ];
  let sum = 0;
  let weight = 0;
  for (const [wt, value] of parts) {
    if (value === null || wt === 0) continue;
    sum += wt * value;
    weight += wt;
  }
  return weight ? (100 * sum) / weight : null;
}
