import { appendFile, mkdir } from 'node:fs/promises';
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
