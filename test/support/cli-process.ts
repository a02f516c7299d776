import { hallnetEntry } from './app-entry.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** Runs `hallnet …` to completion as a real process; throws with its stderr when it fails. */
export function hallnet(args: string[], env: Record<string, string>): string {
  const res = spawnSync(process.execPath, hallnetEntry(args), {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`hallnet ${args.join(' ')} exited ${res.status}: ${res.stderr}`);
  return res.stdout;
}

/**
 * Runs `hallnet …` to completion without blocking this process — for commands that call servers
 * running in the test's own process, which a synchronous spawn would starve.
 */
export async function hallnetAsync(args: string[], env: Record<string, string>): Promise<string> {
  const { code, out, err } = await hallnetExit(args, env);
  if (code !== 0) throw new Error(`hallnet ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

/** Runs `hallnet …` to completion without blocking this process, whatever its exit code: for commands whose failure is the answer. */
export function hallnetExit(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, hallnetEntry(args), {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

/** Starts a long-running `hallnet …` server process and resolves with its URL once it logs it. */
export function hallnetServer(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, hallnetEntry(args), {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const read = (c: Buffer) => {
      out += c.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (!m) return;
      // From here its log (a line a request) is let go, not kept for the server's life.
      child.stdout!.off('data', read);
      child.stdout!.resume();
      resolve({ url: m[1]!, child });
    };
    child.stdout!.on('data', read);
    child.once('exit', (code) => reject(new Error(`hallnet ${args.join(' ')} exited early (${code}): ${err || out}`)));
  });
}

/** Stops a server process with SIGTERM, as systemd would, and waits for it to exit. */
export async function stopServer(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode; // exited, or killed
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  return exited;
}
