import { z } from 'zod';
import { actorSchema, envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

export const idTypeSchema = z.enum(['resident-id', 'passport', 'hk-macao-permit', 'taiwan-permit', 'uscc']);
export type IdType = z.infer<typeof idTypeSchema>;

/** The applicant as recorded on the case at acceptance (the back office needs it in full). */
export const applicantSchema = z.object({
  kind: z.enum(['person', 'company']),
  name: z.string().min(1).max(100),
  idType: idTypeSchema,
  idNumber: z.string().min(1).max(40),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number'),
  contact: z.string().max(100).optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

const eventBase = {
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  actor: actorSchema,
};

/** Every change to a case is one of these; the case's state is a fold over them. */
export const caseEventSchema = z.discriminatedUnion('kind', [
  z.object({
    ...eventBase,
    kind: z.literal('accepted'),
    channel: z.enum(['window', 'online']),
    received: z.array(z.string()),
    missing: z.array(z.string()),
    promisedBy: z.iso.datetime({ offset: true }),
    makeUpBy: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ ...eventBase, kind: z.literal('material-received'), materialId: z.string().min(1), note: z.string().max(300).optional() }),
  z.object({ ...eventBase, kind: z.literal('completed'), result: z.string().max(500).optional() }),
  z.object({ ...eventBase, kind: z.literal('rejected'), reason: z.string().min(1).max(500) }),
  z.object({ ...eventBase, kind: z.literal('withdrawn'), reason: z.string().max(500).optional() }),
]);
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventKind = CaseEvent['kind'];

export const caseDocSchema = envelopeSchema.extend({
  type: z.literal('case'),
  matterCode: z.string().min(1).max(50),
  matterName: z.string().min(1).max(100),
  department: orgPathSchema,
  queryCode: z.string().min(6).max(20),
  applicant: applicantSchema,
  events: z.array(caseEventSchema).min(1),
});
export type CaseDoc = z.infer<typeof caseDocSchema>;

export const caseDocId = (id: string) => `case:${id}`;
