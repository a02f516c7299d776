import type { z } from 'zod';
import { calendarSchema } from './calendar.js';
import { certificateSchema } from './certificate.js';
import { caseDocSchema } from './case.js';
import { envelopeSchema, type DocType, type Envelope } from './envelope.js';
import { grantDocSchema } from './grant.js';
import { jwksDocSchema } from './jwks.js';
import { licenceDocSchema } from './licence.js';
import { materialDocSchema } from './material.js';
import { noticeDocSchema } from './notice.js';
import { categorySchema, matterSchema } from './matter.js';
import { matterDraftSchema } from './matter-draft.js';
import { bookingDocSchema } from './booking.js';
import { organisationSchema } from './organisation.js';
import { ratingTypeDocSchema } from './rating.js';
import { queueSummaryDocSchema } from './queue-summary.js';
import { reportDocSchema } from './report.js';
import { residentDocSchema } from './resident.js';
import { revocationSchema } from './revocation.js';
import { staffChangeDocSchema } from './staff-change.js';
import { supervisionSettingsDocSchema } from './supervision-settings.js';

/** The full schema of each replicated type. */
const schemas: Record<DocType, z.ZodType> = {
  organisation: organisationSchema,
  matter: matterSchema,
  category: categorySchema,
  calendar: calendarSchema,
  case: caseDocSchema,
  resident: residentDocSchema,
  certificate: certificateSchema,
  revocation: revocationSchema,
  jwks: jwksDocSchema,
  grant: grantDocSchema,
  notice: noticeDocSchema,
  material: materialDocSchema,
  rating: ratingTypeDocSchema,
  settings: supervisionSettingsDocSchema,
  report: reportDocSchema,
  'queue-summary': queueSummaryDocSchema,
  'matter-draft': matterDraftSchema,
  booking: bookingDocSchema,
  'staff-change': staffChangeDocSchema,
  licence: licenceDocSchema,
};

/** The full schema of a replicated type. */
export function docSchemaOf(type: DocType): z.ZodType {
  return schemas[type];
}

/** `doc` is the document as given; `parsed`, as its type's schema reads it (for a rule to read without parsing again). */
export type DocCheck = { ok: true; doc: Envelope; parsed: unknown } | { ok: false; reason: string };

/**
 * Checks a replicated document against its envelope and its type's schema. Tombstones
 * (`_deleted`) carry no envelope and pass; the caller decides whether the writer may delete.
 */
export function validateDoc(raw: unknown): DocCheck {
  if (raw && typeof raw === 'object' && (raw as { _deleted?: unknown })._deleted === true) {
    return { ok: true, doc: raw as Envelope, parsed: raw };
  }
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, reason: describe(env.error) };
  const r = schemas[env.data.type].safeParse(raw);
  if (!r.success) return { ok: false, reason: describe(r.error) };
  return { ok: true, doc: raw as Envelope, parsed: r.data };
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(doc)'}: ${i.message}`).join('; ');
}
