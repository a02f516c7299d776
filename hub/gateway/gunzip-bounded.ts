import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { HallnetError } from '../../sync/index.js';

const inflate = promisify(gunzip);

/**
 * A gzip-encoded attachment of a multipart PUT, decompressed on libuv's thread pool and stopped
 * at `maxBytes`: a part of one megabyte can inflate to a gigabyte, which `gunzipSync` built in
 * full while the hub answered no one. Throws ERR_BODY_TOO_LARGE past `maxBytes`, ERR_VALIDATION
 * for bytes that are not gzip.
 */
export async function gunzipBounded(bytes: Uint8Array, maxBytes: number, name: string): Promise<Buffer> {
  let data: Buffer;
  try {
    // zlib refuses a limit below 1; the check after it covers a budget already spent.
    data = await inflate(bytes, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes, cause);
    throw new HallnetError('ERR_VALIDATION', `attachment ${name}: not gzip (${(cause as Error).message})`, { cause });
  }
  if (data.length > maxBytes) throw tooLarge(name, maxBytes);
  return data;
}

function tooLarge(name: string, maxBytes: number, cause?: unknown): HallnetError {
  return new HallnetError('ERR_BODY_TOO_LARGE', `attachment ${name}: more than ${maxBytes} bytes once decompressed`, {
    cause,
  });
}
