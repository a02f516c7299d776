import type { Logger } from 'pino';
import { z } from 'zod';
import { STAFF_ROLES } from '../../sync/index.js';
import type { StaffVerifiers } from './staff-verifiers.js';

const answerSchema = z.object({
  org: z.string(),
  staff: z.array(
    z.object({
      account: z.string(),
      name: z.string(),
      org: z.string(),
      roles: z.array(z.enum(STAFF_ROLES)).min(1),
      verifier: z.string(),
    }),
  ),
  voided: z.array(z.object({ account: z.string(), from: z.number() })).default([]),
});

const EVERY_MS = 5 * 60_000;

/**
 * Keeps the verifiers of this node's own staff — and only theirs — from the identity service, so
 * clerks created centrally can log in here when the hub is out of reach. Runs at start, every
 * five minutes and whenever `refresh` is called (the link to the hub came back); a failed pull
 * keeps what the node had, so a clerk disabled centrally while the node is cut off still logs in
 * here until the first pull after the link returns, which withdraws him. Each pull also brings the
 * accounts whose earlier tokens are void (disabled, moved, re-roled or reset in the last day): the
 * node refuses those tokens from then on. The node of an admin's change pulls at once after it.
 */
export function pullStaffVerifiers(opts: {
  hubUrl: string;
  org: string;
  token: () => Promise<string>;
  staff: StaffVerifiers;
  logger: Logger;
}): { stop(): void; once(): Promise<number>; refresh(): void } {
  const once = async (): Promise<number> => {
    const res = await fetch(`${opts.hubUrl}/identity/node-staff?org=${encodeURIComponent(opts.org)}`, {
      headers: { authorization: `Bearer ${await opts.token()}` },
    });
    if (!res.ok) throw new Error(`identity answered ${res.status}`);
    const answer = answerSchema.parse(await res.json());
    await opts.staff.replaceFromIdentity(answer.staff.filter((a) => a.org === opts.org));
    await opts.staff.replaceVoided(answer.voided);
    return answer.staff.length;
  };
  const run = () =>
    once().then(
      (n) => opts.logger.debug({ staff: n }, 'staff verifiers pulled'),
      (err: unknown) => opts.logger.warn({ err: String(err) }, 'staff verifiers not pulled; keeping the ones held'),
    );
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), once, refresh: () => void run() };
}
