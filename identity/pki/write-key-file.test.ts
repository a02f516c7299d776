import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeKeyFile } from './write-key-file.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

describe.skipIf(process.platform === 'win32')('writeKeyFile', () => {
  const base = mkdtempSync(join(tmpdir(), 'hallnet-key-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('writes the key with mode 0600 and creates missing folders with mode 0700', () => {
    const path = join(base, 'a', 'b', 'node.key.pem');
    writeKeyFile(path, PEM);
    expect(readFileSync(path, 'utf8')).toBe(PEM);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(base, 'a'))).toBe(0o700);
    expect(mode(join(base, 'a', 'b'))).toBe(0o700);
  });

  it('replaces a world-readable file with a 0600 one and leaves no temporary file behind', () => {
    const path = join(base, 'old.key.pem');
    writeFileSync(path, 'old', { mode: 0o644 });
    writeKeyFile(path, PEM);
    expect(mode(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(PEM);
    expect(readdirSync(base).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does not depend on the umask', () => {
    const old = process.umask(0o077 | 0o200);
    try {
      const path = join(base, 'umask.key.pem');
      writeKeyFile(path, PEM);
      expect(mode(path)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });
});
