import { request } from 'node:http';
import type { Answer } from './client.js';

/**
 * A JSON client whose requests leave from another loopback address (127.0.0.2, 127.0.0.3 …), so a
 * test over real HTTP can be a stranger, a second kiosk or the clerk's own desk: Linux answers
 * every 127.x address on the loopback, and the server sees each as a caller of its own.
 */
export function clientFrom(localAddress: string, base: string, token?: string) {
  function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T> & { headers: Record<string, string | string[] | undefined> }> {
    const url = new URL(base + path);
    const data = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          localAddress,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: res.headers }),
          );
        },
      );
      req.on('error', reject);
      req.end(data);
    });
  }
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
  };
}
