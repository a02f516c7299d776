import { z } from 'zod';

/**
 * Trust levels of a material, after the State Council's 2016 "互联网+政务服务" technical guide:
 * A — an electronic licence issued and sealed by the issuing body, usable directly;
 * B — checked against the original by a window clerk, reusable afterwards;
 * C — uploaded by the applicant, to be checked against the original at the window before use;
 * D — made by the applicant under a signed commitment (告知承诺).
 */
export const materialLevelSchema = z.enum(['A', 'B', 'C', 'D']);
export type MaterialLevel = z.infer<typeof materialLevelSchema>;

/** Levels a later matter takes without paper (免提交). */
export const REUSABLE_LEVELS: ReadonlySet<MaterialLevel> = new Set(['A', 'B']);
