import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { qrMatrix, qrSvg } from './qr-code.js';

const TICKET_URL = 'http://127.0.0.1:8080/queue/ticket/20261123-7KQ2M9XC4T';
const bits = (m: boolean[][]) => m.map((row) => row.map((d) => (d ? '1' : '0')).join('')).join('\n');

/** The 15 format bits read from the copy around the top-left finder, in the order they were drawn. */
function formatBits(m: boolean[][], copy: 1 | 2): number {
  const size = m.length;
  const at = (x: number, y: number) => (m[y]![x] ? 1 : 0);
  const read: number[] = [];
  if (copy === 1) {
    for (let i = 0; i <= 5; i++) read.push(at(8, i));
    read.push(at(8, 7), at(8, 8), at(7, 8));
    for (let i = 9; i < 15; i++) read.push(at(14 - i, 8));
  } else {
    for (let i = 0; i < 8; i++) read.push(at(size - 1 - i, 8));
    for (let i = 8; i < 15; i++) read.push(at(8, size - 15 + i));
  }
  return read.reduce((acc, b, i) => acc | (b << i), 0);
}

describe('the QR code on the ticket slip (ISO/IEC 18004, byte mode, level M)', () => {
  it('takes the smallest version that holds the text, up to version 10', () => {
    expect(qrMatrix('HELLO')).toHaveLength(21);
    expect(qrMatrix(TICKET_URL)).toHaveLength(33);
    expect(qrMatrix('y'.repeat(200))).toHaveLength(57);
    expect(() => qrMatrix('y'.repeat(214))).toThrow(RangeError);
  });

  it('has the three finder patterns, the timing patterns and the dark module', () => {
    const m = qrMatrix(TICKET_URL);
    const size = m.length;
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    for (const [x0, y0] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      expect(finder.map((_, y) => m[y0! + y]!.slice(x0, x0! + 7).map((d) => (d ? '1' : '0')).join(''))).toEqual(finder);
    }
    for (let i = 8; i < size - 8; i++) {
      expect(m[6]![i]).toBe(i % 2 === 0);
      expect(m[i]![6]).toBe(i % 2 === 0);
    }
    expect(m[size - 8]![8]).toBe(true);
  });

  it('writes the same valid format information twice: level M and a BCH remainder that checks', () => {
    const m = qrMatrix(TICKET_URL);
    const first = formatBits(m, 1);
    expect(formatBits(m, 2)).toBe(first);
    const raw = first ^ 0x5412;
    expect(raw >>> 13).toBe(0b00);
    let rem = raw >>> 10;
    for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
    expect(rem & 0x3ff).toBe(raw & 0x3ff);
  });

  it('draws the recorded matrix of a ticket address (read back by zbarimg 0.23.92 when recorded)', () => {
    expect(createHash('sha256').update(bits(qrMatrix(TICKET_URL))).digest('hex')).toBe('bb20b937133316d5008ee2c0082edb6e9923b99ffaad069cb41aa4b984927d45');
  });

  it('is an SVG with a white quiet zone and nothing of the text in it', () => {
    const svg = qrSvg(TICKET_URL);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 41 41"/);
    expect(svg).not.toContain('queue/ticket');
  });
});
