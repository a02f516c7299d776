import { describe, expect, it } from 'vitest';
import { createScryptHasher } from './adapter/node/scrypt-hasher.js';
import { createNobleScryptHasher } from './noble-scrypt-hasher.js';
import { createPbkdf2Hasher } from './pbkdf2-hasher.js';

// The verifier of '窗口-Pa55word' that adapter/node/scrypt-hasher.test.ts keeps from an earlier build.
const NODE_VECTOR = 'scrypt$32768$8$1$HmbSb7LUOwDKInt5oOWSFw==$+SRZKnSdoVk5HEFNuhGIsJTS2OH48P5EW99PcMe7CAM=';

describe('createNobleScryptHasher', () => {
  const noble = createNobleScryptHasher();
  const native = createScryptHasher();

  it("writes the Node hasher's format and cost, and each checks what the other wrote", async () => {
    const fromNoble = await noble.hash('窗口-Pa55word');
    expect(fromNoble).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await native.verify('窗口-Pa55word', fromNoble)).toBe(true);
    expect(await native.verify('窗口-Pa55word!', fromNoble)).toBe(false);
    const fromNode = await native.hash('市民-密码-123');
    expect(await noble.verify('市民-密码-123', fromNode)).toBe(true);
    expect(await noble.verify('市民-密码-124', fromNode)).toBe(false);
  });

  it('checks the stored vector, NFKC-folding full-width input', async () => {
    expect(await noble.verify('窗口-Pa55word', NODE_VECTOR)).toBe(true);
    expect(await noble.verify('窗口-Ｐａ５５ｗｏｒｄ', NODE_VECTOR)).toBe(true);
    expect(await noble.verify('窗口-pa55word', NODE_VECTOR)).toBe(false);
  });

  it("checks PBKDF2 verifiers, including counts above what Workers' Web Crypto allows", async () => {
    const v = await createPbkdf2Hasher().hash('secret-123');
    expect(v.split('$')[1]).toBe('310000');
    expect(await noble.verify('secret-123', v)).toBe(true);
    expect(await noble.verify('secret-124', v)).toBe(false);
  });

  it('answers false, not an error, for malformed or outlandish verifiers', async () => {
    for (const v of [
      '',
      'scrypt',
      'bcrypt$2b$x',
      'scrypt$0$0$0$AAAA$AAAA',
      `scrypt$1048576$8$1$AAAAAAAAAAAAAAAAAAAAAA==$${'A'.repeat(44)}`,
      'scrypt$32768$8$1$***$AAAA',
    ]) {
      expect(await noble.verify('x', v)).toBe(false);
    }
  });
});
