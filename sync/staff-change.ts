import { z } from 'zod';
import { envelopeSchema } from './envelope.js';
import { orgPathSchema } from './org-path.js';

/**
 * 人员变更 notice: the node where an admin disabled, enabled, moved, re-roled or reset a member of
 * staff says so to every node, so each pulls the void tokens from the identity service at once
 * instead of at its next periodic pull. It carries no verifier and no phone, and a node trusts
 * only what it then pulls: the document is a prompt, never the void itself.
 */
export const staffChangeDocSchema = envelopeSchema.extend({
  type: z.literal('staff-change'),
  account: z.string().min(1).max(60),
  /** The account's organisation after the change (within the writing node's subtree). */
  org: orgPathSchema,
  /** When the change voided the account's earlier tokens (ms), as the identity service answered. */
  from: z.number().int().min(0),
});
export type StaffChangeDoc = z.infer<typeof staffChangeDocSchema>;

/** One document per account: a later change is its next revision. */
export const staffChangeDocId = (account: string) => `staff-change:${account}`;
