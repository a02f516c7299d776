import { z } from 'zod';
import { grantDocSchema, materialSpecSchema, matterSchema } from '../../sync/index.js';

/** A case's id in a path (`/api/cases/:id`): what acceptCase makes, a UUID. */
export const caseIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,80}$/, 'not a case id / 办件编号无效');

/** A matter's code in a path. */
export const matterCodeSchema = matterSchema.shape.code;

/** A material of a matter, as its service guide names it. */
export const materialIdSchema = materialSpecSchema.shape.id;

/** A scanned material's document id: `material:<case>:<material>:<uuid>`. */
export const materialDocIdSchema = z
  .string()
  .regex(
    /^material:[A-Za-z0-9-]{1,80}:[a-z0-9-]{1,40}:[A-Za-z0-9-]{1,80}$/,
    'not a material document id / 材料编号无效',
  );

/** A grant's id: the hash of its JWS. */
export const grantIdSchema = grantDocSchema.shape.grantId;
