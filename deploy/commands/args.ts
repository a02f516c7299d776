import { z } from 'zod';
import { parseOrThrow } from '../../sync/index.js';

/** What every command gets: its words after the command name, and the options given. */
export interface CommandArgs {
  words: string[];
  options: Partial<
    Record<
      | 'name'
      | 'roles'
      | 'org'
      | 'out'
      | 'node'
      | 'account'
      | 'to'
      | 'role'
      | 'subtree'
      | 'rights'
      | 'until'
      | 'reason'
      | 'dir'
      | 'key'
      | 'store'
      | 'root',
      string
    >
  > & {
    /** `demo --city`: the city demo instead of one district. */
    city?: boolean;
  };
}

/** The first line of standard input, for secrets that must not appear in the process list. */
export async function firstLineOfStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0] ?? '';
}

const REASON_REQUIRED = '--reason is required / 请用 --reason 写明原因';

/** A revoke command's `--reason`, which the audit trail keeps: required, not blank. */
export const reasonOption = (options: CommandArgs['options']): string =>
  parseOrThrow(z.string({ error: REASON_REQUIRED }).trim().min(1, REASON_REQUIRED), options.reason, {
    where: 'reason',
  });
