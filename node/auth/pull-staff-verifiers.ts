import type { Logger } from 'pino';
import { z } from 'zod';
import { STAFF_ROLES } from '../../sync/index.js';
import { followReplica } from '../store/follow-replica.js';
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
 * node refuses those tokens from then on. The node of an admin's change pulls at once after it, and
 * tells every node by a `staff-change` document: each pulls as soon as its live replication brings
 * one (`db`), so an online node refuses the voided tokens within seconds, not minutes.
 */
export function pullStaffVerifiers(opts: {
  hubUrl: string;
  org: string;
  token: () => Promise<string>;
  staff: StaffVerifiers;
  logger: Logger;
  db?: PouchDB.Database;
}): { stop(): void; once(): Promise<number>; refresh(): void } {
  // Pulls replace the held verifiers in the replica: two at once (a caller's `once` and a prompt's
  // pull) would delete each other's documents, so every pull waits for the one before.
  let last: Promise<unknown> = Promise.resolve();
  const once = (): Promise<number> => {
    const next = last.then(pull, pull);
    last = next.catch(() => undefined);
    return next;
  };
  const pull = async (): Promise<number> => {
    const res = await fetch(`${opts.hubUrl}/identity/node-staff?org=${encodeURIComponent(opts.org)}`, {
      headers: { authorization: `Bearer ${await opts.token()}` },
    });
    if (!res.ok) throw new Error(`identity answered ${res.status}`);
    const answer = answerSchema.parse(await res.json());
    await opts.staff.replaceFromIdentity(answer.staff.filter((a) => a.org === opts.org));
    await opts.staff.replaceVoided(answer.voided);
    return answer.staff.length;
  };
  // One pull at a time; prompts that arrive meanwhile make one more after it (a burst of changes, one extra pull).
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = once()
      .then(
        (n) => opts.logger.debug({ staff: n }, 'staff verifiers pulled'),
        (err: unknown) => opts.logger.warn({ err: String(err) }, 'staff verifiers not pulled; keeping the ones held'),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  // From the replica's head: what came before is in the pull that starts now.
  let feed: ReturnType<typeof followReplica> | undefined;
  let stopped = false;
  void opts.db?.info().then(
    (info) => {
      if (stopped) return;
      feed = followReplica(opts.db!, { since: info.update_seq, what: 'staff changes', log: opts.logger }, (ch) => {
        if (ch.id.startsWith('staff-change:')) void run();
      });
    },
    (err: unknown) => opts.logger.warn({ err: String(err) }, 'staff changes not followed; periodic pulls only'),
  );
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      feed?.cancel();
    },
    once,
    refresh: () => void run(),
  };
}
