import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The identity core must also run on Workers: from the Web-only entry (web.ts) and the Worker's
// (worker.ts), follow every import inside identity/ and require that no file reaches for Node
// (node:*, Buffer, process, PouchDB, node-forge, the Node server). sync/ is followed no further than
// its index: what it exports is sync's to keep Web-only.
const here = dirname(fileURLToPath(import.meta.url));
const ENTRIES = ['web.ts', 'worker.ts'];
const ALLOWED_PACKAGES = /^(hono(\/[\w/-]+)?|jose|zod|@noble\/hashes\/[\w-]+\.js)$/;
const SYNC_INDEX = resolve(here, '../sync/index.ts');
const NODE_ONLY = /\bBuffer\b|\bprocess\.|\brequire\(|__dirname/;

async function importGraph(): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  const queue = ENTRIES.map((e) => join(here, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    const text = await readFile(file, 'utf8');
    seen.set(file, text);
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)) {
      const spec = m[1]!;
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (spec.startsWith('.') && target === SYNC_INDEX) continue;
      if (spec.startsWith('.') && !target.startsWith(`${here}/`))
        throw new Error(`${relative(here, file)} imports ${spec}, outside identity/ and sync/index`);
      if (spec.startsWith('.')) queue.push(target);
      else if (!ALLOWED_PACKAGES.test(spec)) throw new Error(`${relative(here, file)} imports ${spec}`);
    }
  }
  return seen;
}

describe('the identity core', () => {
  it('imports only hono, jose, zod, @noble/hashes, sync/ and its own Web-standard files', async () => {
    const files = await importGraph();
    const names = [...files.keys()].map((f) => relative(here, f));
    expect(files.size).toBeGreaterThan(30);
    expect(names).toEqual(
      expect.arrayContaining([
        'create-identity-app.ts',
        'noble-scrypt-hasher.ts',
        'adapter/workers/d1-identity-store.ts',
        'store/seal-signing-keys.ts',
      ]),
    );
    const offenders = [...files]
      .filter(([, text]) => NODE_ONLY.test(text.replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, '')))
      .map(([f]) => relative(here, f));
    expect(offenders).toEqual([]);
    // Only the Workers adapters: never the Node ones, the PKI or the grants (node-forge).
    expect(names.filter((f) => /^(adapter\/(?!workers\/)|pki\/|grants\/|index\.ts$)/.test(f))).toEqual([]);
  });
});
