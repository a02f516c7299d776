import { describe, expect, it } from 'vitest';
import { createPbkdf2Hasher } from '../../pbkdf2-hasher.js';
import { createScryptHasher } from './scrypt-hasher.js';

// A verifier of '窗口-Pa55word' written by an earlier build: stored verifiers must keep checking.
const NODE_VECTOR = 'scrypt$32768$8$1$HmbSb7LUOwDKInt5oOWSFw==$+SRZKnSdoVk5HEFNuhGIsJTS2OH48P5EW99PcMe7CAM=';

describe('createScryptHasher', () => {
  const hasher = createScryptHasher();

  it('writes scrypt$N$r$p$salt$hash with a fresh salt each time', async () => {
    const a = await hasher.hash('窗口-Pa55word');
    const b = await hasher.hash('窗口-Pa55word');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
  });

  it('checks its own verifiers and stored ones', async () => {
    const v = await hasher.hash('窗口-Pa55word');
    expect(await hasher.verify('窗口-Pa55word', v)).toBe(true);
    expect(await hasher.verify('窗口-Pa55word!', v)).toBe(false);
    expect(await hasher.verify('窗口-Pa55word', NODE_VECTOR)).toBe(true);
    expect(await hasher.verify('窗口-pa55word', NODE_VECTOR)).toBe(false);
  });

  it('treats full-width and half-width input alike (NFKC)', async () => {
    expect(await hasher.verify('窗口-Ｐａ５５ｗｏｒｄ', NODE_VECTOR)).toBe(true);
  });

  it('also checks PBKDF2 verifiers made where scrypt is missing', async () => {
    const v = await createPbkdf2Hasher().hash('secret-123');
    expect(await hasher.verify('secret-123', v)).toBe(true);
    expect(await hasher.verify('secret-124', v)).toBe(false);
  });

  it('answers false, not an error, for malformed or outlandish verifiers', async () => {
    for (const v of [
      '',
      'scrypt',
      'bcrypt$2b$x',
      'scrypt$0$0$0$AAAA$AAAA',
      `scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(44)}`,
      'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      `scrypt$32767$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(43)}=`,
    ]) {
      expect(await hasher.verify('x', v)).toBe(false);
    }
  });
});
