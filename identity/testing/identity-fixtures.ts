// Shared by identity's *.test.ts files; not exported from index.ts.
import { expect } from 'vitest';
import { HallnetError, type ErrorCode } from '../../sync/index.js';

/** The moment test clocks start at. */
export const NOW = new Date('2026-03-02T08:00:00Z');

/** A clock tests move by hand. */
export function testClock(start = NOW) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}
/** A clock made by testClock. */
export type TestClock = ReturnType<typeof testClock>;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid resident ID number (Dongcheng, born on `born`, 1990-03-07 unless given as YYYYMMDD) with sequence `seq` (0-999). */
export function idNumber(seq: number, born = '19900307'): string {
  const body = `110101${born}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11]!;
}

/** A valid mobile number ending in `n`. */
export const phone = (n: number) => `1390000${String(n).padStart(4, '0')}`;

/** Awaits `fn` and asserts it threw a HallnetError with `code` (and a message matching `message`). */
export async function expectCode(fn: () => unknown, code: ErrorCode, message?: RegExp): Promise<void> {
  let thrown: unknown;
  try {
    await fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected an error').toBeInstanceOf(HallnetError);
  expect((thrown as HallnetError).code).toBe(code);
  if (message) expect((thrown as HallnetError).message).toMatch(message);
}

/** Asserts an error response: its status and code. */
export async function expectErrorResponse(
  res: Response,
  status: number,
  code: ErrorCode,
): Promise<{
  error: { code: string; message: { zh: string; en: string }; issues?: { field: string; reason: string }[] };
}> {
  const body = (await res.json()) as { error: { code: string; message: { zh: string; en: string } } };
  expect({ status: res.status, code: body.error?.code }).toEqual({ status, code });
  return body as never;
}
