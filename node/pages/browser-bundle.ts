import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';
import { BROWSER_SCRIPTS } from './browser-scripts.js';

const SOURCES = new URL('./browser/', import.meta.url);

let bundle: Promise<ReadonlyMap<string, string>> | undefined;

/**
 * The pages' browser code (node/pages/browser/*.ts, with the domain modules it imports) bundled by
 * esbuild in memory: one ES module per entry of BROWSER_SCRIPTS and shared chunks, by file name.
 * Built once per process, whichever node asks first (the demo runs eight in one), in ~50 ms.
 */
export function browserBundle(): Promise<ReadonlyMap<string, string>> {
  bundle ??= buildBundle();
  return bundle;
}

async function buildBundle(): Promise<ReadonlyMap<string, string>> {
  try {
    const out = await build({
      entryPoints: BROWSER_SCRIPTS.map((name) => fileURLToPath(new URL(`${name}.ts`, SOURCES))),
      bundle: true,
      // Shared modules land in chunks every page script imports, so a page that loads several
      // scripts runs one copy of each (one login form handler, one session).
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outdir: '/',
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      charset: 'utf8',
      legalComments: 'none',
      write: false,
      logLevel: 'silent',
    });
    return new Map(out.outputFiles.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f.text]));
  } finally {
    // esbuild keeps a helper process for later builds; there are none, so let it go.
    await stop();
  }
}
