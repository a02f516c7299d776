import { z } from 'zod';
import { actorSchema, envelopeSchema } from './envelope.js';
import type { FieldIssue } from './errors.js';
import { isoDateSchema } from './calendar.js';
import { matterFieldsSchema, type MatterFields } from './matter.js';

/**
 * 事项管理: a draft of a matter's next version (or of its retirement) at the district center, kept
 * as a replicated, signed document the center alone holds (parties: the district). It is drafted,
 * approved by a second admin (never its drafter), then published as the version document every hall
 * receives; a published draft stays as it is, the record of who drafted, reviewed and published.
 */
export const matterDraftSchema = envelopeSchema.extend({
  type: z.literal('matter-draft'),
  code: matterFieldsSchema.shape.code,
  version: z.number().int().min(1).max(100_000),
  /** What the version will say; absent when the draft retires the matter. */
  matter: matterFieldsSchema.optional(),
  retire: z.boolean(),
  /** The Beijing date the version is in force from. */
  effectiveFrom: isoDateSchema,
  drafter: actorSchema,
  state: z.enum(['draft', 'approved', 'published']),
  review: z.object({ by: actorSchema, at: z.iso.datetime({ offset: true }) }).optional(),
  published: z.object({ by: actorSchema, at: z.iso.datetime({ offset: true }) }).optional(),
});
export type MatterDraftDoc = z.infer<typeof matterDraftSchema>;

/** A draft's id: `matter-draft:<code>@<version>`. */
export const matterDraftDocId = (code: string, version: number) => `matter-draft:${code}@${version}`;

// 兜底条款 (Beijing's 2019 reform): a material list names each material, never "other materials".
const CATCH_ALL = [
  /其[他它].{0,6}材料/,
  /相关材料/,
  /有关材料/,
  /等材料/,
  /其[他它].{0,6}(证明|文件|资料)/,
  /(相关|有关).{0,4}(证明|文件|资料)$/,
  /认为(需要|必要)/,
];

/**
 * What a matter's version may not say before it is published: a catch-all material clause
 * (其他材料, 相关材料, 等材料 …) or a required material with neither its source nor a sample form.
 * Each issue names its field under `prefix`, in English and Chinese.
 */
export function matterDraftProblems(m: MatterFields, prefix = 'matter'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  m.materials.forEach((mat, i) => {
    if (CATCH_ALL.some((re) => re.test(mat.name) || re.test(mat.note ?? ''))) {
      issues.push({
        field: `${prefix}.materials.${i}.name`,
        reason:
          'no catch-all clause: name each material / 不得使用兜底条款（如“其他材料”“相关材料”“等材料”），须逐项列明',
      });
    }
    if (mat.necessity === 'required' && !mat.source && !mat.form) {
      issues.push({
        field: `${prefix}.materials.${i}.source`,
        reason: 'a required material needs its source or a sample form / 必需材料须注明来源渠道或提供样表',
      });
    }
  });
  return issues;
}
