import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject } from 'vitest';

/** Where the benches (`test/bench/run.ts`), which run outside Vitest, say they compiled the app. */
export const APP_BUILD_VAR = 'HALLNET_APP_BUILD';

/**
 * What `node` is given to run one of the app's modules in a child process (`deploy/cli.ts` for
 * `hallnet`), with `preload` modules loaded first: the module as compiled for this test or bench run
 * (`build-app.ts`), with no loader hooks on the way. Paths are from the checkout's root, the children's working folder.
 */
export function appEntry(module: string, preload: readonly string[] = []): string[] {
  const build = process.env[APP_BUILD_VAR] ?? inject('appBuild');
  const compiled = (m: string) => join(build, m.replace(/\.tsx?$/, '.js'));
  return [...preload.flatMap((p) => ['--import', pathToFileURL(compiled(p)).href]), compiled(module)];
}

/** `node`'s arguments for `hallnet …`. */
export function hallnetEntry(args: readonly string[]): string[] {
  return [...appEntry('deploy/cli.ts'), ...args];
}
