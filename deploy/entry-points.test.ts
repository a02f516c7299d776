import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// deploy/ assembles the parts through their entry points only, so what a part keeps inside is its own.
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const ENTRY_POINTS = ['node/index.ts', 'hub/index.ts', 'identity/index.ts', 'sync/index.ts'];

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(p)));
    else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('deploy/', () => {
  it('imports node/, hub/, identity/ and sync/ only through their entry points', async () => {
    const deep: string[] = [];
    for (const file of await sources(here)) {
      const text = await readFile(file, 'utf8');
      for (const m of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
        const target = relative(root, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
        if (/^(node|hub|identity|sync)\//.test(target) && !ENTRY_POINTS.includes(target))
          deep.push(`${relative(root, file)} → ${target}`);
      }
    }
    expect(deep).toEqual([]);
  });
});
