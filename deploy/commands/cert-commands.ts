import { z } from 'zod';
import { certSerialSchema, parseOrThrow } from '../../sync/index.js';
import { adminAt } from './admin-at.js';
import type { CommandArgs } from './args.js';

/** `hallnet cert list --node URL --account admin`: the district's node certificates (at its centre's node). */
export async function certList({ options }: CommandArgs): Promise<void> {
  const res = await (await adminAt(options))('GET', '/api/certificates');
  for (const c of res.items as { serial: string; org: string; orgName: string; notAfter: string; revoked: boolean }[])
    console.log(
      `${c.serial}  ${(c.revoked ? 'revoked' : 'in force').padEnd(8)} ${c.org} (${c.orgName})  until ${c.notAfter.slice(0, 10)}`,
    );
}

/** `hallnet cert revoke <serial> --node URL --account admin --reason …`: a node's key lost or stolen. */
export async function certRevoke({ words, options }: CommandArgs): Promise<void> {
  const serial = parseOrThrow(certSerialSchema, words[0], { where: 'serial' });
  const reason = parseOrThrow(z.string().min(1, '--reason is required'), options.reason, { where: 'reason' });
  console.log(JSON.stringify(await (await adminAt(options))('POST', `/api/certificates/${serial}/revoke`, { reason })));
}
