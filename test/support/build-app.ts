import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the app compiled for the tests' child processes (`test/support/app-entry.ts`). */
    appBuild: string;
  }
}

const SOURCES = ['node', 'hub', 'sync', 'identity', 'deploy', 'test/support'];
/** Folders the app reads at run time next to its modules (stylesheets, browser scripts it compiles itself). */
const READ_AT_RUN_TIME = ['node/pages/assets', 'node/pages/browser', 'hub/city/browser'];

/**
 * Vitest's global setup: compiles the app's TypeScript once, module by module, with esbuild (the
 * transformer tsx runs on each module as it loads), into `.tmp/app-build-*` for the processes the
 * tests start. Loaded through tsx's hooks, every `hallnet` process spent about 4 s of CPU loading
 * its 600 modules; compiled, about 1.5 s, and the suite starts some hundred of them.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const root = resolve(project.config.root);
  mkdirSync(join(root, '.tmp'), { recursive: true });
  // One folder per run: two runs in one checkout never load each other's half-written modules.
  const out = mkdtempSync(join(root, '.tmp', 'app-build-'));
  const skip = new Set(READ_AT_RUN_TIME.map((d) => join(root, d)));
  await build({
    entryPoints: SOURCES.flatMap((d) => modulesIn(join(root, d), skip)),
    outdir: out,
    outbase: root,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  for (const d of READ_AT_RUN_TIME) {
    mkdirSync(join(out, d, '..'), { recursive: true });
    symlinkSync(join(root, d), join(out, d));
  }
  project.provide('appBuild', relative(root, out));
  return () => rmSync(out, { recursive: true, force: true });
}

function modulesIn(dir: string, skip: ReadonlySet<string>): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(path) || name === 'node_modules' ? [] : modulesIn(path, skip);
    return /\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [path] : [];
  });
}
