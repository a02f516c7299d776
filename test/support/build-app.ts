import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { APP_SOURCES, buildApp } from '../../deploy/build-app.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder of the app compiled for the tests' child processes (`test/support/app-entry.ts`). */
    appBuild: string;
  }
}

/**
 * Vitest's global setup: compiles the app once per run (`deploy/build-app.ts`), with the test
 * support modules the children load, into `.tmp/app-build-*` for the processes the tests start;
 * the suite starts some hundred of them.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const build = await buildForChildren(resolve(project.config.root));
  project.provide('appBuild', build.dir);
  return build.remove;
}

/**
 * Compiles the app and the test support modules for child processes into a fresh folder of the
 * checkout at `root`: `dir` is that folder from the root (the children's working folder).
 */
export async function buildForChildren(root: string): Promise<{ dir: string; remove(): void }> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  // One folder per run: two runs in one checkout never load each other's half-written modules.
  const out = mkdtempSync(join(root, '.tmp', 'app-build-'));
  await buildApp(root, out, [...APP_SOURCES, 'test/support']);
  return { dir: relative(root, out), remove: () => rmSync(out, { recursive: true, force: true }) };
}
