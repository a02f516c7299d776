import { z } from 'zod';
import { envelopeSchema } from './envelope.js';

/** The one settings document of the district's supervision office. */
export const SUPERVISION_SETTINGS_ID = 'settings:supervision';

/** How much each figure counts in the overall score (综合考评); figures a group lacks are left out. */
export const scoreWeightsSchema = z
  .object({
    instant: z.number().min(0).max(100),
    onTime: z.number().min(0).max(100),
    satisfaction: z.number().min(0).max(100),
    queue: z.number().min(0).max(100),
  })
  .refine((w) => w.instant + w.onTime + w.satisfaction + w.queue > 0, {
    message: 'at least one weight must be above 0 / 权重不能全为 0',
  });
export type ScoreWeights = z.infer<typeof scoreWeightsSchema>;

/** What the district sets for ratings, follow-ups and the overall score. */
export const supervisionSettingsSchema = z.object({
  /** Days after completion a case may be rated; unrated then, it counts as 基本满意 (default). */
  ratingDays: z.number().int().min(1).max(90),
  /** Working days a hall has to answer a bad rating's follow-up (回访). */
  followUpWorkingDays: z.number().int().min(1).max(30),
  /** The waiting time at the queue that scores full marks; twice as long scores half. */
  queueTargetMinutes: z.number().int().min(1).max(240),
  weights: scoreWeightsSchema,
});
export type SupervisionSettings = z.infer<typeof supervisionSettingsSchema>;

/** The settings until the district publishes its own. */
export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = {
  ratingDays: 7,
  followUpWorkingDays: 5,
  queueTargetMinutes: 15,
  weights: { instant: 20, onTime: 40, satisfaction: 30, queue: 10 },
};

/** The settings as the district publishes them: a public document every node receives. */
export const supervisionSettingsDocSchema = envelopeSchema.extend({
  _id: z.literal(SUPERVISION_SETTINGS_ID),
  type: z.literal('settings'),
  settings: supervisionSettingsSchema,
});
export type SupervisionSettingsDoc = z.infer<typeof supervisionSettingsDocSchema>;
