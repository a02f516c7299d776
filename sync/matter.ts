import { z } from 'zod';
import { isoDateSchema } from './calendar.js';
import { MATERIAL_TYPES } from './material.js';
import { envelopeSchema } from './envelope.js';
import { levelSchema } from './organisation.js';
import { licenceTypeSchema } from './licence.js';
import { orgPathSchema } from './org-path.js';

/**
 * GB/T 39046 事项类型: 00 行政许可 01 行政处罚 02 行政强制 03 行政征收 04 行政给付 05 行政检查
 * 06 行政确认 07 行政奖励 08 行政裁决 09 其他行政权力 10 (reserved by the standard for local use) 20 公共服务.
 */
export const matterTypeSchema = z.enum(['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']);

/** required: 主要材料, refuses the case when missing; secondary: 次要材料, may be made up later (容缺); optional: only when it applies. */
export const materialNecessitySchema = z.enum(['required', 'secondary', 'optional']);

export const materialSpecSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40),
  name: z.string().min(1).max(100),
  necessity: materialNecessitySchema,
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  form: z.string().max(200).optional(),
  note: z.string().max(300).optional(),
  /** 来源渠道: who issues the material (公安机关, 申请人自备 …), so a resident knows where to get it. */
  source: z.string().max(100).optional(),
  /** An electronic licence of this type stands for the material: taken from the applicant's licences instead of paper (免提交). */
  licence: licenceTypeSchema.optional(),
  /** 告知承诺: the applicant may stand for this material by a signed commitment (level D) instead of handing it in. */
  commitment: z.boolean().optional(),
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

/** A licence the matter's result is (电子证照): issued, sealed by the completing office, when a case completes. */
export const issuedLicenceSchema = z.object({
  licenceType: licenceTypeSchema,
  name: z.string().min(1).max(60),
  /** Years it is valid from issue; absent: without limit (长期有效). */
  validYears: z.number().int().min(1).max(50).optional(),
});
export type IssuedLicence = z.infer<typeof issuedLicenceSchema>;

/** Where a matter is decided: at the window that accepted it, the street, the district center or a department's back office. */
export const decidedBySchema = z.enum(['accepting', 'street', 'district', 'department']);

/** A blank form (空白表格) or a sample (示例样表) residents download from the guide: an attachment of the matter under its id. */
export const matterFileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits or "-" / 须为小写字母、数字或 -'),
  title: z.string().min(1).max(100),
  kind: z.enum(['blank', 'sample']),
  contentType: z.enum(MATERIAL_TYPES),
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type MatterFile = z.infer<typeof matterFileSchema>;

/** 实施编码: a matter's implementation code in the national 实施清单 (GB/T 39554 style), beside the district's own code. */
export const nationalCodeSchema = z
  .string()
  .regex(/^[0-9A-Z]{16,40}$/, 'must be 16-40 digits or capital letters / 须为 16-40 位数字或大写字母');

/** What a matter says, without the document around it: what a draft proposes and a version publishes. */
export const matterFieldsSchema = z.object({
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
  /** The electronic licences a completed case issues. */
  issues: z.array(issuedLicenceSchema).max(5).optional(),
  allowsMakeUp: z.boolean(),
  makeUpDays: z.number().int().min(1).max(60).default(5),
  online: z.boolean(),
  bookable: z.boolean(),
  courier: z.boolean(),
  category: z.number().int().min(1).max(15),
  keywords: z.array(z.string().max(20)).default([]),
  /** 实施编码 of the national 实施清单, when the matter has one. */
  nationalCode: nationalCodeSchema.optional(),
  /** Blank forms and samples, each an attachment of the matter's document under its id. */
  files: z.array(matterFileSchema).max(20).optional(),
  /** 告知承诺 核查: working days from acceptance within which the department verifies what was committed to. */
  commitmentCheckDays: z.number().int().min(1).max(365).optional(),
});
/** The fields of a matter as one object. */
export type MatterFields = z.infer<typeof matterFieldsSchema>;

const promisedWithinLegal = (m: { promisedDays: number; legalDays: number }) =>
  m.promisedDays <= m.legalDays || m.legalDays === 0;
const PROMISED_WITHIN_LEGAL = {
  message: 'promised time limit must not exceed the legal one / 承诺时限不能超过法定时限',
  path: ['promisedDays'],
};

/**
 * One published version of a matter. The seed's matters are version 1 under `matter:<code>`, in
 * force from always; the district publishes later versions under `matter:<code>@<version>`, each in
 * force from its `effectiveFrom` (a Beijing date) until the next one, and a retirement as a version
 * with `retired` (the matter leaves the guide and the windows from that day). A case keeps the
 * version it was accepted under.
 */
export const matterSchema = envelopeSchema
  .extend({
    type: z.literal('matter'),
    ...matterFieldsSchema.shape,
    version: z.number().int().min(1).max(100_000).default(1),
    effectiveFrom: isoDateSchema.optional(),
    retired: z.boolean().optional(),
  })
  .refine(promisedWithinLegal, PROMISED_WITHIN_LEGAL);
export type Matter = z.infer<typeof matterSchema>;

/** One of the hall's 15 categories that the 717 matters are grouped in for the ticket machine. */
export const categorySchema = envelopeSchema.extend({
  type: z.literal('category'),
  number: z.number().int().min(1).max(15),
  name: z.string().min(1).max(40),
});
export type Category = z.infer<typeof categorySchema>;

export const matterDocId = (code: string) => `matter:${code}`;
/** The id of a matter's published version: the seed's version 1 keeps the plain id. */
export const matterVersionDocId = (code: string, version: number) =>
  version === 1 ? matterDocId(code) : `matter:${code}@${version}`;
/** The fields a draft's matter must pass: promised within legal. */
export const matterFieldsChecked = matterFieldsSchema.refine(promisedWithinLegal, PROMISED_WITHIN_LEGAL);
export const categoryDocId = (n: number) => `category:${n}`;
