import { encode } from 'uqr';

// Four modules of white around the code, as ISO/IEC 18004 asks, so a phone finds it on a slip.
const QUIET_ZONE = 4;

/**
 * The QR code of `text` as an SVG document (error correction level M, versions 1–10: up to 213
 * bytes, enough for a ticket's address; longer text throws a RangeError). The kiosk's slip
 * carries one so a resident follows his ticket on his phone; the node draws it itself, offline.
 */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', maxVersion: 10, border: QUIET_ZONE });
  const path: string[] = [];
  data.forEach((row, y) => row.forEach((dark, x) => dark && path.push(`M${x} ${y}h1v1h-1z`)));
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path.join('')}"/></svg>`;
}
