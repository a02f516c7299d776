import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loads } from './client-loads.js';

type Loads = typeof loads;
type LoadName = keyof Loads;
type Ask<N extends LoadName> = { name: N; args: Parameters<Loads[N]>[0] };
type Answer = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Runs a named load (`client-loads.ts`) from a process of its own, as the clerks' browsers run on
 * machines of their own: the node's process then spends its CPU on serving only, and the load's
 * timers are not held up by the node's event loop. Answers what the load answered.
 */
export function fromClientProcess<N extends LoadName>(
  name: N,
  args: Parameters<Loads[N]>[0],
): Promise<Awaited<ReturnType<Loads[N]>>> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m: Answer) => {
      child.disconnect();
      if (m.ok) resolve(m.result as Awaited<ReturnType<Loads[N]>>);
      else reject(new Error(`client process: ${m.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`client process exited (${code}) without an answer`)));
    child.send({ name, args } satisfies Ask<N>);
  });
}

// The client process itself: one load, its answer, then gone.
if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  process.once('message', async ({ name, args }: Ask<LoadName>) => {
    const answer: Answer = await (loads[name] as (a: typeof args) => Promise<unknown>)(args).then(
      (result) => ({ ok: true, result }),
      (err: unknown) => ({ ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
    process.send!(answer, () => process.disconnect());
  });
}
