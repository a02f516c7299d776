import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKeyFile } from './read-key-file.js';
import { expectCode } from './test-fixtures.js';
import { writeKeyFile } from './write-key-file.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';

describe.skipIf(process.platform === 'win32')('readKeyFile', () => {
  const base = mkdtempSync(join(tmpdir(), 'hallnet-key-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('reads a key file written by writeKeyFile (0600)', () => {
    const path = join(base, 'node.key.pem');
    writeKeyFile(path, PEM);
    expect(readKeyFile(path)).toBe(PEM);
  });

  it('reads a 0400 key file', () => {
    const path = join(base, 'ro.key.pem');
    writeFileSync(path, PEM, { mode: 0o400 });
    expect(readKeyFile(path)).toBe(PEM);
  });

  it('refuses a key file that group or others can read or write', async () => {
    for (const m of [0o644, 0o640, 0o604, 0o620, 0o602]) {
      const path = join(base, `k${m.toString(8)}.pem`);
      writeFileSync(path, PEM);
      chmodSync(path, m);
      await expectCode(() => readKeyFile(path), 'ERR_CONFIG', new RegExp(`mode ${m.toString(8)}`));
    }
  });

  it('refuses a missing file and a folder', async () => {
    await expectCode(() => readKeyFile(join(base, 'missing.pem')), 'ERR_CONFIG');
    const dir = join(base, 'dir');
    mkdirSync(dir, { mode: 0o700 });
    await expectCode(() => readKeyFile(dir), 'ERR_CONFIG', /not a regular file/);
  });
});
