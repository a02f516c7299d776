import jsqr from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr-svg.js';

// jsqr is CommonJS whose types declare an ES default export; it sets both, so take `.default`.
const jsQR = jsqr.default;
const TICKET_URL = 'http://127.0.0.1:8080/queue/ticket/20261123-7KQ2M9XC4T';

/** The dark modules the SVG draws, read back from its path (`M<x> <y>h1v1h-1z` per module). */
function modules(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  for (const [, x, y] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) dark[Number(y)]![Number(x)] = true;
  return dark;
}

/** What a phone's camera would read: the modules drawn 4 pixels each, decoded by jsQR. */
function decode(dark: boolean[][]): string | undefined {
  const scale = 4;
  const side = dark.length * scale;
  const pixels = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const value = dark[Math.floor(y / scale)]![Math.floor(x / scale)] ? 0 : 255;
      pixels.set([value, value, value, 255], (y * side + x) * 4);
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('the QR code on the ticket slip (ISO/IEC 18004, level M)', () => {
  it('decodes back to the ticket address', () => {
    expect(decode(modules(qrSvg(TICKET_URL)))).toBe(TICKET_URL);
    expect(decode(modules(qrSvg('y'.repeat(200))))).toBe('y'.repeat(200));
  });

  it('takes the smallest version that holds the text, up to version 10, with a quiet zone of 4 modules', () => {
    expect(modules(qrSvg('HELLO'))).toHaveLength(21 + 8);
    expect(modules(qrSvg(TICKET_URL))).toHaveLength(33 + 8);
    expect(modules(qrSvg('y'.repeat(200)))).toHaveLength(57 + 8);
    expect(() => qrSvg('y'.repeat(214))).toThrow(RangeError);
  });

  it('has the three finder patterns inside an all-white border', () => {
    const m = modules(qrSvg(TICKET_URL));
    const size = m.length;
    const border = (i: number) => i < 4 || i >= size - 4;
    expect(m.every((row, y) => row.every((dark, x) => !dark || (!border(x) && !border(y))))).toBe(true);
    const finder = ['1111111', '1000001', '1011101', '1011101', '1011101', '1000001', '1111111'];
    for (const [x0, y0] of [
      [4, 4],
      [size - 11, 4],
      [4, size - 11],
    ] as const) {
      expect(
        finder.map((_, y) =>
          m[y0 + y]!.slice(x0, x0 + 7)
            .map((d) => (d ? '1' : '0'))
            .join(''),
        ),
      ).toEqual(finder);
    }
  });

  it('is an SVG with crisp edges and nothing of the text in it', () => {
    const svg = qrSvg(TICKET_URL);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 41 41" shape-rendering="crispEdges"/,
    );
    expect(svg).not.toContain('queue/ticket');
  });
});
