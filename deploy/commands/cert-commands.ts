import { certSerialSchema, parseOrThrow } from '../../sync/index.js';
import { adminAt } from './admin-at.js';
import { reasonOption, type CommandArgs } from './args.js';

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
  const reason = reasonOption(options);
  const c = (await (
    await adminAt(options)
  )('POST', `/api/certificates/${serial}/revoke`, { reason })) as {
    serial: string;
    org: string;
    orgName: string;
  };
  console.log(`revoked ${c.serial}: ${c.org} (${c.orgName}) can no longer sync, and its staff can no longer log in`);
}
