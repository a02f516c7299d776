import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appEntry } from './support/app-entry.js';
import { hallnet } from './support/cli-process.js';
import { eventually } from './support/eventually.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  dir.remove();
});

/** A real `hallnet <command>` process with the fault injector preloaded; its output as it comes. */
function start(command: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [...appEntry('deploy/cli.ts', ['test/support/inject-faults.ts']), command], {
    env: { ...process.env, LOG_LEVEL: 'info', HALLNET_TEST_FAULTS: 'reject,throw,invariant', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const p = {
    child,
    out: '',
    err: '',
    exited: new Promise<number | null>((r) => child.once('exit', (code) => r(code))),
  };
  child.stdout!.on('data', (c: Buffer) => (p.out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (p.err += c.toString()));
  return p;
}

/** The log lines the policy wrote for failures nobody caught. */
const survived = (out: string) => out.split('\n').filter((l) => l.includes('a failure nothing caught; still serving'));

describe('a failure nothing caught does not take a hall or the hub down', () => {
  for (const part of ['node', 'hub'] as const) {
    it(`\`hallnet ${part}\` logs an unhandled rejection and an uncaught exception and keeps serving; a broken invariant exits 1 with a clear message`, async () => {
      const env: Record<string, string> =
        part === 'node'
          ? {
              HALLNET_DATA: join(dir.path, 'node'),
              HALLNET_ORG: 'dongcheng/jingshan',
              HALLNET_LEVEL: '5',
              HALLNET_PORT: '0',
            }
          : { HUB_DATA: join(dir.path, 'hub'), HUB_PORT: '0' };
      if (part === 'hub') hallnet(['ca', 'init', '--name', '东城区 CA'], env);
      const p = start(part, env);
      const url = await eventually(() => /"url":"(http:\/\/[^"]+)"/.exec(p.out)?.[1], 60_000, `${part} listening`);
      const healthy = async () => (await fetch(`${url}/healthz`)).status === 200;

      p.child.kill('SIGUSR2'); // a rejection nobody handles
      await eventually(() => survived(p.out).length === 1, 10_000, 'rejection logged');
      expect(survived(p.out)[0]).toContain('"origin":"unhandledRejection"');
      expect(survived(p.out)[0]).toContain('injected: a rejection nobody handles');
      expect(await healthy()).toBe(true);

      p.child.kill('SIGUSR2'); // an exception nobody catches
      await eventually(() => survived(p.out).length === 2, 10_000, 'exception logged');
      expect(survived(p.out)[1]).toContain('"origin":"uncaughtException"');
      expect(await healthy()).toBe(true);
      expect(p.child.exitCode).toBeNull();

      p.child.kill('SIGUSR2'); // a broken invariant
      expect(await p.exited).toBe(1);
      expect(p.err).toContain(
        'hallnet: ERR_INVARIANT: injected: the replica is gone; exiting for the service manager to restart',
      );
    }, 90_000);
  }
});
