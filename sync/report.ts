import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

/** Each hub process publishes its own refusal report: `report:refusals:<instance>` (several hubs may serve one store). */
export const REFUSAL_REPORT_PREFIX = 'report:refusals:';

/** The id of a hub process's refusal report. */
export const refusalReportDocId = (instance: string) => `${REFUSAL_REPORT_PREFIX}${instance}`;

/** The last few writes of one node that the hub refused. */
export const refusalSampleSchema = z.strictObject({
  at: z.iso.datetime(),
  id: z.string().max(300),
  reason: z.string().max(1000),
});

/** One node's refused writes as one hub process counted them. */
export const nodeRefusalsSchema = z.strictObject({
  org: orgPathSchema,
  /** The node's certificate fingerprint: a re-enrolled hall counts apart. */
  fingerprint: z.string().min(1).max(100),
  total: z.number().int().min(0),
  /** Refusals per hour (hours since the epoch) over the last day, so a reader counts "the last 24 hours" by its own clock. */
  hourly: z.array(z.strictObject({ hour: z.number().int().min(0), count: z.number().int().min(1) })).max(25),
  lastAt: z.iso.datetime(),
  recent: z.array(refusalSampleSchema).max(5),
});
export type NodeRefusals = z.infer<typeof nodeRefusalsSchema>;

/**
 * The writes a hub process refused, per node: written by the hub itself for the district's
 * supervision, scoped and addressed to the district root only, so only the district center holds it.
 */
export const refusalReportDocSchema = envelopeSchema.extend({
  type: z.literal('report'),
  kind: z.literal('refusals'),
  instance: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  nodes: z.array(nodeRefusalsSchema).max(10_000),
});
export type RefusalReportDoc = z.infer<typeof refusalReportDocSchema>;

/** Every `report` document, by its kind. */
export const reportDocSchema = z.discriminatedUnion('kind', [refusalReportDocSchema]);
