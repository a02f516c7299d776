import { z } from 'zod';
import { actorSchema, envelopeSchema } from './envelope.js';
import { libraryUseSchema } from './library-use.js';
import { licenceKeySchema, licenceNumberSchema, licenceTypeSchema } from './licence.js';
import { orgPathSchema } from './org-path.js';
import { keyIdSchema, signatureSchema } from './signature.js';

export const idTypeSchema = z.enum(['resident-id', 'passport', 'hk-macao-permit', 'taiwan-permit', 'uscc']);
export type IdType = z.infer<typeof idTypeSchema>;

/** The applicant as recorded on the case at acceptance (the back office needs it in full). */
export const applicantSchema = z.object({
  kind: z.enum(['person', 'company']),
  name: z.string().min(1).max(100),
  idType: idTypeSchema,
  idNumber: z.string().min(1).max(40),
  phone: z.string().regex(/^1\d{10}$/, 'must be an 11-digit mainland mobile number / 须为 11 位手机号码'),
  contact: z.string().max(100).optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

const eventBase = {
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  actor: actorSchema,
  // Signed by the node that wrote the event (design §4): `kid` names its key, `sig` covers the event
  // (and, for the acceptance, the case's header) bound to the case id; see sync/case-signing.ts.
  kid: keyIdSchema,
  sig: signatureSchema,
};

const materialIds = z.array(z.string().max(40)).max(50);
/** Materials taken from the applicant's library instead of paper (免提交). */
const library = z.array(libraryUseSchema).max(50);

/**
 * 告知承诺: a material the applicant stands for by his signed commitment (告知承诺书, level D)
 * instead of the document; the event that carries it records who took it down and when.
 */
export const commitmentSchema = z.object({
  materialId: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(40),
  /** Who signed the commitment: the applicant, by name. */
  signedBy: z.string().min(1).max(100),
  signedAt: z.iso.datetime({ offset: true }),
});
export type Commitment = z.infer<typeof commitmentSchema>;
const commitments = z.array(commitmentSchema).max(20);

/** A licence the completion issues: its number, type, validity, and the holder's key that binds it to the applicant. */
export const issuedOnCaseSchema = z.object({
  number: licenceNumberSchema,
  licenceType: licenceTypeSchema,
  key: licenceKeySchema,
  validUntil: z.iso.datetime({ offset: true }).optional(),
});
export type IssuedOnCase = z.infer<typeof issuedOnCaseSchema>;

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
    library: library.optional(),
    commitments: commitments.optional(),
    /** The date the department verifies the committed facts by (告知承诺 核查), when the matter sets one. */
    checkBy: z.iso.datetime({ offset: true }).optional(),
  }),
  // 网上申请: the first event of an online case, by the resident; the case waits in 预审 for the
  // handling hall's clerk, and no deadline runs until that clerk accepts it.
  z.object({
    ...eventBase,
    kind: z.literal('applied'),
    received: materialIds,
    library,
    commitments: commitments.optional(),
  }),
  // 预审补正: the reviewing clerk asks the resident for more (nothing has been accepted yet).
  z.object({
    ...eventBase,
    kind: z.literal('amendment-requested'),
    materials: materialIds.min(1),
    note: z.string().min(1).max(500),
  }),
  // The resident uploaded more for his application in 预审.
  z.object({ ...eventBase, kind: z.literal('amended'), materials: materialIds, library }),
  // 不予受理 at 预审, with the reason: the application ends without ever being accepted.
  z.object({ ...eventBase, kind: z.literal('refused'), reason: z.string().min(1).max(500) }),
  z.object({
    ...eventBase,
    kind: z.literal('material-received'),
    materialId: z.string().min(1),
    note: z.string().max(300).optional(),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('completed'),
    result: z.string().max(500).optional(),
    licences: z.array(issuedOnCaseSchema).max(5).optional(),
  }),
  z.object({ ...eventBase, kind: z.literal('rejected'), reason: z.string().min(1).max(500) }),
  z.object({ ...eventBase, kind: z.literal('withdrawn'), reason: z.string().max(500).optional() }),
  // 转报: the case goes up to `to`, which becomes a party and finds it in its inbox.
  z.object({ ...eventBase, kind: z.literal('forwarded'), to: orgPathSchema, note: z.string().max(500).optional() }),
  // 退回补正: sent back down to `to` (a party already) for more materials; the clock stops.
  z.object({
    ...eventBase,
    kind: z.literal('returned'),
    to: orgPathSchema,
    note: z.string().min(1).max(500),
    materials: z.array(z.string().max(40)).max(50),
  }),
  // The applicant handed the asked-for materials in; the clock runs again, the deadline moved by the days waited.
  z.object({
    ...eventBase,
    kind: z.literal('supplemented'),
    materials: z.array(z.string().max(40)).max(50),
    suspendedDays: z.number().int().min(0),
    promisedBy: z.iso.datetime({ offset: true }),
  }),
  // 并联审批: every department of stage `stage` (0-based) gets its task at once.
  z.object({
    ...eventBase,
    kind: z.literal('stage-started'),
    stage: z.number().int().min(0).max(20),
    name: z.string().max(60),
    departments: z.array(orgPathSchema).min(1).max(20),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('approved'),
    stage: z.number().int().min(0).max(20),
    department: orgPathSchema,
    note: z.string().max(500).optional(),
  }),
  z.object({
    ...eventBase,
    kind: z.literal('declined'),
    stage: z.number().int().min(0).max(20),
    department: orgPathSchema,
    reason: z.string().min(1).max(500),
  }),
  // 特别程序: the deadline moves by `days` working days, for a stated reason.
  z.object({
    ...eventBase,
    kind: z.literal('extended'),
    days: z.number().int().min(1).max(60),
    reason: z.string().min(1).max(500),
    promisedBy: z.iso.datetime({ offset: true }),
  }),
  // 统一窗口出件: how the result goes out, and its collection.
  z.object({
    ...eventBase,
    kind: z.literal('delivered'),
    method: z.enum(['window', 'locker', 'courier']),
    lockerCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    courier: z.string().max(40).optional(),
    tracking: z.string().max(60).optional(),
  }),
  z.object({ ...eventBase, kind: z.literal('picked-up') }),
  // The make-up deadline of a 容缺 material passed with the material still missing.
  z.object({ ...eventBase, kind: z.literal('make-up-overdue') }),
  // 告知承诺 核查: the office holding the case checked what the applicant committed to. Found false,
  // the case ends refused if still open, or its result and licences are revoked if completed.
  z.object({
    ...eventBase,
    kind: z.literal('commitment-checked'),
    outcome: z.enum(['true', 'false']),
    note: z.string().min(1).max(500),
  }),
  // The applicant wants no courtesy SMS about this case; notices the procedure requires still go.
  z.object({ ...eventBase, kind: z.literal('notices-opted-out') }),
]);
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventKind = CaseEvent['kind'];
type WithoutSignature<T> = T extends unknown ? Omit<T, 'kid' | 'sig'> : never;
/** An event as decided, before the writing node signs it. */
export type UnsignedCaseEvent = WithoutSignature<CaseEvent>;

export const caseDocSchema = envelopeSchema.extend({
  type: z.literal('case'),
  matterCode: z.string().min(1).max(50),
  matterName: z.string().min(1).max(100),
  /** The version of the matter the case was accepted under (absent: the seed's version 1). */
  matterVersion: z.number().int().min(1).max(100_000).optional(),
  department: orgPathSchema,
  queryCode: z.string().min(6).max(20),
  applicant: applicantSchema,
  events: z.array(caseEventSchema).min(1),
});
export type CaseDoc = z.infer<typeof caseDocSchema>;

export const caseDocId = (id: string) => `case:${id}`;

/** A case as decided at acceptance, before the writing node signs its events. */
export type UnsignedCaseDoc = Omit<CaseDoc, 'events'> & { events: UnsignedCaseEvent[] };
