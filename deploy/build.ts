import { renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './build-app.js';

/**
 * `npm run build [-- <folder>]`: the app compiled into `dist/` of the checkout, or the folder
 * given (inside the checkout, where its packages resolve): `node dist/deploy/cli.js` is `hallnet`.
 * Built beside the folder first and then put in its place, so a `dist/` that a running process
 * loads from is never half written.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'dist'));
const next = `${out}.${process.pid}`;
try {
  await buildApp(root, next);
  rmSync(out, { recursive: true, force: true });
  renameSync(next, out);
} finally {
  rmSync(next, { recursive: true, force: true });
}
