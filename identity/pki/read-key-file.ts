import { readFileSync, statSync, type Stats } from 'node:fs';
import { HallnetError } from '../../sync/index.js';

/** Reads a private key file, refusing one that group or others could read or write (as ssh does). */
export function readKeyFile(path: string): string {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (cause) {
    throw new HallnetError('ERR_CONFIG', `cannot read key file ${path}`, { cause });
  }
  if (!st.isFile()) throw new HallnetError('ERR_CONFIG', `key file ${path} is not a regular file`);
  // Windows has no POSIX modes; there the folder's ACL has to protect the key.
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    throw new HallnetError(
      'ERR_CONFIG',
      `key file ${path} has mode ${(st.mode & 0o777).toString(8)}; run chmod 600 on it`,
    );
  }
  return readFileSync(path, 'utf8');
}
