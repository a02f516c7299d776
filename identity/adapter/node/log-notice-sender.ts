import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { NoticeSender } from '../../notice-sender.js';

/** The default NoticeSender where no SMS gateway is configured: one JSON line per notice in a log file. */
export function createLogNoticeSender(path: string, clock: () => Date = () => new Date()): NoticeSender {
  return {
    async send(notice) {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${JSON.stringify({ at: clock().toISOString(), ...notice })}\n`);
    },
  };
}

/**
 * The code of the last `template` SMS logged for `phone`, or undefined: where the log file is the
 * SMS operator (the demo, tests), this is the resident reading his phone.
 */
export async function lastLoggedCode(
  path: string,
  phone: string,
  template = 'signup-code',
): Promise<string | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const lines = text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { phone?: string; template?: string; params?: { code?: string } });
  return lines.filter((l) => l.phone === phone && l.template === template).at(-1)?.params?.code;
}
