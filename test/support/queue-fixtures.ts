import type { QueueNotify, QueueTemplate } from '../../node/queue/index.js';
import { seedCategories } from '../../deploy/seed/categories.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** A valid resident ID number (right check digit) for someone born on `birth` (YYYYMMDD). */
export function residentId(birth: string, serial = 1): string {
  const body = `110105${birth}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + CHECK[sum % 11];
}

/** The district's 15 categories by number, as a node's reference data holds them. */
export function queueCategories(): Map<number, { name: string }> {
  return new Map(seedCategories().map((c) => [c.number, { name: c.name }]));
}

/** A phone for the n-th resident of a test. */
export const phoneOf = (n: number) => `139${String(n).padStart(8, '0')}`;

/** A notify that records every SMS the queue asks for. */
export function recordingNotify(): {
  notify: QueueNotify;
  sent: { phone: string; template: QueueTemplate; params: Record<string, string> }[];
} {
  const sent: { phone: string; template: QueueTemplate; params: Record<string, string> }[] = [];
  return { sent, notify: (phone, template, params) => void sent.push({ phone, template, params }) };
}

/** A clock the test moves by hand. */
export function manualClock(startIso: string): {
  clock: () => Date;
  advance(minutes: number): void;
  set(iso: string): void;
} {
  let now = new Date(startIso);
  return {
    clock: () => now,
    advance: (minutes) => void (now = new Date(now.getTime() + minutes * 60_000)),
    set: (iso) => void (now = new Date(iso)),
  };
}
