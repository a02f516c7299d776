import { z } from 'zod';

/**
 * What an organisation's staff may do, each right limited by the grant that carries it to a
 * subtree and, for approvals and figures, to matter categories or departments.
 */
export const RIGHTS = [
  'case.accept', // 受理: accept cases at the window, take make-up materials
  'case.forward', // 转报: forward a case upward, send it back for materials
  'case.approve', // 审批: decide a department's stage task
  'case.deliver', // 出件: complete and hand out results
  'catalogue.publish', // 一口发布: publish the catalogue (the district's own right, never delegated)
  'staff.manage', // manage the staff accounts of the subtree
  'grant', // pass rights on to the subtree
  'supervision.view', // traffic lights and figures of the subtree (rating figures only for samples of 5 or more)
  'ratings.view', // 效能监察: single ratings (好差评) of the subtree, their follow-ups, and every rating figure
  'queue.manage', // set up windows and categories of the hall
] as const;
export const rightSchema = z.enum(RIGHTS);
export type Right = z.infer<typeof rightSchema>;

/** The rights of casework: holding any of them is what the hub asks of a hall writing cases. */
export const CASE_RIGHTS: readonly Right[] = ['case.accept', 'case.forward', 'case.approve', 'case.deliver'];

/** Rights only the district root holds; a grant can never carry them. */
export const ROOT_ONLY_RIGHTS: readonly Right[] = ['catalogue.publish'];

/** What each role could do if its organisation held every right; a grant chain narrows it. */
export const ROLE_RIGHTS: Record<'clerk' | 'back-office' | 'director' | 'supervisor' | 'admin', readonly Right[]> = {
  clerk: ['case.accept', 'case.forward', 'case.deliver'],
  'back-office': ['case.approve', 'case.deliver', 'case.forward'],
  director: ['case.accept', 'case.forward', 'case.deliver', 'supervision.view', 'queue.manage'],
  supervisor: ['supervision.view', 'ratings.view'],
  admin: ['staff.manage', 'grant', 'catalogue.publish', 'queue.manage'],
};
