import { randomBytes } from 'node:crypto';
import { HallnetError } from '../../sync/index.js';

/** One part of a MIME multipart body: its headers (lower-case names) and bytes. */
export interface MultipartPart {
  headers: Record<string, string>;
  body: Uint8Array;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The `boundary` parameter of a multipart content type; undefined when the type is not multipart. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\//i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * Splits a multipart body (RFC 2046) into its parts: what Apache CouchDB's replicator sends
 * when it PUTs a document with attachments (`multipart/related`: the JSON, then each
 * attachment's bytes). Throws ERR_VALIDATION on a body that is not one.
 */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const closing = Buffer.from(`\r\n--${boundary}`);
  let at = buf.indexOf(delimiter);
  if (at < 0) throw new HallnetError('ERR_VALIDATION', 'multipart body without its boundary');
  const parts: MultipartPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) return parts; // the closing "--boundary--"
    const headerStart = buf.indexOf(CRLF, at) + 2;
    const next = buf.indexOf(closing, headerStart - 2);
    if (headerStart < 2 || next < 0) throw new HallnetError('ERR_VALIDATION', 'multipart part not closed');
    const blank = buf.indexOf(HEADER_END, headerStart - 2);
    const headers: Record<string, string> = {};
    const bodyStart = blank >= 0 && blank < next ? blank + 4 : headerStart;
    if (bodyStart > headerStart) {
      for (const line of buf.toString('latin1', headerStart, bodyStart - 4).split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
    }
    parts.push({ headers, body: new Uint8Array(buf.buffer, buf.byteOffset + bodyStart, next - bodyStart) });
    at = next + 2;
  }
}

/** A `multipart/mixed` body of JSON parts, as Apache CouchDB answers `open_revs` to a client that accepts it. */
export function multipartMixed(jsonParts: string[]): { contentType: string; body: string } {
  const boundary = randomBytes(16).toString('hex');
  const body = `${jsonParts.map((json) => `--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n`).join('')}--${boundary}--`;
  return { contentType: `multipart/mixed; boundary="${boundary}"`, body };
}
