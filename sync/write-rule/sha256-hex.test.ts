import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256-hex.js';

describe('sha256Hex', () => {
  it('answers the same digest as node:crypto, computed in place for short input and by Web Crypto for a file', async () => {
    const nodeHex = (b: string | Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(await sha256Hex('')).toBe(nodeHex(''));
    expect(await sha256Hex('dongcheng/jingshan|id-card:11010519491231002X')).toBe(
      nodeHex('dongcheng/jingshan|id-card:11010519491231002X'),
    );
    expect(await sha256Hex('窗口受理')).toBe(nodeHex('窗口受理'));
    const file = new Uint8Array(200_000).map((_, i) => (i * 31) % 251);
    expect(await sha256Hex(file)).toBe(nodeHex(file));
    expect(await sha256Hex(file.subarray(0, 64 * 1024))).toBe(nodeHex(file.subarray(0, 64 * 1024)));
  });
});
