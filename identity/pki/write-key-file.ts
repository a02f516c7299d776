import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a private key readable by its owner only (0600), creating missing parent folders as 0700.
 * The key goes to a fresh file that is then renamed into place: writing over an existing file
 * would keep that file's old, possibly wider mode, and a crash would leave half a key.
 * Synchronous, like the start-up code that calls it.
 */
export function writeKeyFile(path: string, pem: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${randomUUID()}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, pem, null, 'utf8');
    fsyncSync(fd);
    // open()'s mode passes through the umask; set it outright so the result never depends on it.
    chmodSync(tmp, 0o600);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
