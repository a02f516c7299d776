import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { HallnetError } from '../../sync/index.js';

const heldHere = new Set<string>();

/**
 * Makes sure no other hub process appends to this log: a `<log>.lock` file holding the owner's
 * pid, created exclusively. A lock left by a process that is gone is taken over. Returns the
 * release function.
 */
export function claimLogFile(logPath: string): () => void {
  const lockPath = `${logPath}.lock`;
  if (heldHere.has(logPath)) throw busy(logPath, process.pid);
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number(readFileSync(lockPath, 'utf8').trim());
    if (owner !== process.pid && isAlive(owner)) throw busy(logPath, owner);
    fd = openSync(lockPath, 'w', 0o644);
  }
  writeSync(fd, `${process.pid}\n`);
  closeSync(fd);
  heldHere.add(logPath);
  return function releaseLogFile() {
    if (!heldHere.delete(logPath)) return;
    rmSync(lockPath, { force: true });
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function busy(logPath: string, pid: number): HallnetError {
  return new HallnetError(
    'ERR_CONFIG',
    `another hub process (pid ${pid}) writes the audit log ${logPath}: give each process its own HUB_INSTANCE`,
  );
}
