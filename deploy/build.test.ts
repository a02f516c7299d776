import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, '.tmp'), { recursive: true });
const scratch = mkdtempSync(join(root, '.tmp', 'build-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run build', () => {
  it('compiles hallnet into a folder it replaces whole; the build runs without tsx and reads its stylesheets', () => {
    const out = join(scratch, 'dist');
    mkdirSync(out);
    writeFileSync(join(out, 'left-from-before.js'), '');
    const built = run(['--import', 'tsx', 'deploy/build.ts', out]);
    expect(built.status, built.stderr).toBe(0);
    expect(existsSync(join(out, 'left-from-before.js'))).toBe(false);
    expect(existsSync(`${out}.${built.pid}`)).toBe(false);

    const help = run([join(out, 'deploy/cli.js'), 'help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('a hall node, configured by HALLNET_* variables');
    // What the pages read at run time is linked in, relative to the build.
    expect(readFileSync(join(out, 'node/pages/assets/app.css'), 'utf8')).toBe(
      readFileSync(join(root, 'node/pages/assets/app.css'), 'utf8'),
    );
  });
});
