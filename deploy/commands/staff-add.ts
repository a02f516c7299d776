import { z } from 'zod';
import { openNodeDb, StaffVerifiers, type NodeConfig } from '../../node/index.js';
import { HallnetError, isWithin, orgPathSchema, parseOrThrow, STAFF_ROLES } from '../../sync/index.js';

export const staffAddSchema = z.object({
  account: z.string().regex(/^[a-z0-9._-]{2,60}$/, 'lowercase letters, digits, dot, dash, underscore'),
  name: z.string().min(1).max(60),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  org: orgPathSchema,
  password: z.string().min(10, 'at least 10 characters'),
});

/** `hallnet staff add`: stores a clerk's verifier at a stopped node, so the clerk can log in there offline. */
export async function staffAdd(
  config: NodeConfig,
  input: { account: string; name: string; roles: string[]; org: string; password: string },
): Promise<void> {
  const { password, ...account } = parseOrThrow(staffAddSchema, input);
  if (!isWithin(account.org, config.org)) {
    throw new HallnetError('ERR_SCOPE_FORBIDDEN', `${account.org} is not inside this node's ${config.org}`);
  }
  const db = openNodeDb(config.dataDir);
  try {
    await new StaffVerifiers(db, () => new Date()).put(account, password);
  } finally {
    await db.close();
  }
}
