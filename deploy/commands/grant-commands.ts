import { z } from 'zod';
import { orgPathSchema, parseOrThrow, rightSchema } from '../../sync/index.js';
import { adminAt } from './admin-at.js';
import { reasonOption, type CommandArgs } from './args.js';

const addSchema = z.object({
  to: orgPathSchema,
  role: z.enum(['clerk', 'back-office', 'director', 'supervisor', 'admin']).optional(),
  subtree: orgPathSchema,
  rights: z.array(rightSchema).min(1),
  until: z.iso.date({ message: '--until is a date, YYYY-MM-DD' }),
});

/** `hallnet grant add --node URL --account admin --to <org> [--role clerk] [--subtree <org>] --rights a,b --until YYYY-MM-DD`. */
export async function grantAdd({ options }: CommandArgs): Promise<void> {
  const g = parseOrThrow(addSchema, {
    to: options.to,
    role: options.role,
    subtree: options.subtree ?? options.to,
    rights: (options.rights ?? '').split(',').filter(Boolean),
    until: options.until,
  });
  const call = await adminAt(options);
  const res = await call('POST', '/api/grants', {
    grantee: { org: g.to, ...(g.role ? { role: g.role } : {}) },
    subtree: g.subtree,
    rights: g.rights,
    until: `${g.until}T23:59:59+08:00`,
  });
  console.log(JSON.stringify(res, null, 2));
}

/** `hallnet grant list --node URL --account admin`: every grant held there, with its standing. */
export async function grantList({ options }: CommandArgs): Promise<void> {
  const res = await (await adminAt(options))('GET', '/api/grants');
  for (const g of res.items as {
    grantId: string;
    grantor: string;
    grantee: { org: string; role?: string };
    rights: string[];
    status: string;
    exp: number;
  }[]) {
    console.log(
      `${g.grantId.slice(0, 16)}  ${g.status.padEnd(8)} ${g.grantor} → ${g.grantee.org}${g.grantee.role ? `/${g.grantee.role}` : ''}  ${g.rights.join(',')}  until ${new Date(g.exp * 1000).toISOString().slice(0, 10)}`,
    );
  }
}

/** `hallnet grant revoke <grant-id> --node URL --account admin --reason …`: everything granted below it falls too. */
export async function grantRevoke({ words, options }: CommandArgs): Promise<void> {
  const id = parseOrThrow(z.string().regex(/^[0-9a-f]{64}$/, 'the full 64-hex grant id'), words[0], {
    where: 'grant-id',
  });
  const reason = reasonOption(options);
  console.log(JSON.stringify(await (await adminAt(options))('POST', `/api/grants/${id}/revoke`, { reason })));
}
