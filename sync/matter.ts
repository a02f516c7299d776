import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { levelSchema } from './organisation.js';
import { orgPathSchema } from './org-path.js';

/**
 * GB/T 39046 事项类型: 00 行政许可 01 行政处罚 02 行政强制 03 行政征收 04 行政给付 05 行政检查
 * 06 行政确认 07 行政奖励 08 行政裁决 09 其他行政权力 10 (reserved by the standard for local use) 20 公共服务.
 */
export const matterTypeSchema = z.enum(['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']);

/** required: 主要材料, refuses the case when missing; secondary: 次要材料, may be made up later (容缺); optional: only when it applies. */
export const materialNecessitySchema = z.enum(['required', 'secondary', 'optional']);

export const materialSpecSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/).max(40),
  name: z.string().min(1).max(100),
  necessity: materialNecessitySchema,
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  form: z.string().max(200).optional(),
  note: z.string().max(300).optional(),
});
export type MaterialSpec = z.infer<typeof materialSpecSchema>;

export const feeSchema = z.object({
  item: z.string().min(1).max(100),
  amountYuan: z.number().min(0),
  basis: z.string().max(200).optional(),
});

/** One stage of 并联审批: its departments decide at once; the next stage waits for all of them. */
export const stageSchema = z.object({
  name: z.string().min(1).max(60),
  departments: z.array(orgPathSchema).min(1),
});

/** Where a matter is decided: at the window that accepted it, the street, the district center or a department's back office. */
export const decidedBySchema = z.enum(['accepting', 'street', 'district', 'department']);

export const matterSchema = envelopeSchema.extend({
  type: z.literal('matter'),
  code: z.string().min(1).max(50),
  name: z.string().min(1).max(100),
  matterType: matterTypeSchema,
  levels: z.array(levelSchema).min(1),
  department: orgPathSchema,
  legalBasis: z.array(z.string().min(1).max(300)).min(1),
  serves: z.array(z.enum(['person', 'company'])).min(1),
  conditions: z.array(z.string().max(300)),
  materials: z.array(materialSpecSchema),
  procedure: z.array(z.string().max(200)).min(1),
  fees: z.array(feeSchema),
  legalDays: z.number().int().min(0).max(365),
  promisedDays: z.number().int().min(0).max(365),
  instant: z.boolean(),
  decidedBy: decidedBySchema,
  stages: z.array(stageSchema).optional(),
  allowsMakeUp: z.boolean(),
  makeUpDays: z.number().int().min(1).max(60).default(5),
  online: z.boolean(),
  bookable: z.boolean(),
  courier: z.boolean(),
  category: z.number().int().min(1).max(15),
  keywords: z.array(z.string().max(20)).default([]),
}).refine((m) => m.promisedDays <= m.legalDays || m.legalDays === 0, {
  message: 'promised time limit must not exceed the legal one',
  path: ['promisedDays'],
});
export type Matter = z.infer<typeof matterSchema>;

/** One of the hall's 15 categories that the 717 matters are grouped in for the ticket machine. */
export const categorySchema = envelopeSchema.extend({
  type: z.literal('category'),
  number: z.number().int().min(1).max(15),
  name: z.string().min(1).max(40),
});
export type Category = z.infer<typeof categorySchema>;

export const matterDocId = (code: string) => `matter:${code}`;
export const categoryDocId = (n: number) => `category:${n}`;
