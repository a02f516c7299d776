import { expect } from 'vitest';
import type { Answer, Client } from './client.js';

/** A window's rating tablet in a test: it keeps the cookie pairing gave it, as a browser does. */
export interface DeviceClient {
  /** What the device offers now (GET /api/rating-device/:window). */
  pending(): Promise<Answer>;
  /** Sends the resident's rating of what it offers. */
  rate(body: { level: string; comment?: string }, headers?: Record<string, string>): Promise<Answer>;
  /** The cookie header it sends. */
  cookie: string;
}

/**
 * Pairs a tablet with `window` at the node as a clerk does: the clerk (who has the window open)
 * asks for a code, the tablet enters it and keeps the cookie it is answered with.
 */
export async function pairDevice(base: string, clerk: Client, window: string): Promise<DeviceClient> {
  const code = await clerk.post(`/api/rating-device/${window}/pairing-code`);
  expect(code.status, JSON.stringify(code.body)).toBe(201);
  const res = await fetch(`${base}/api/rating-device/${window}/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: code.body.code }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^hallnet_rating_device=/);
  return deviceWithCookie(base, window, cookie);
}

/** A device client sending `cookie` (any string: a forged or a stale one too). */
export function deviceWithCookie(base: string, window: string, cookie: string): DeviceClient {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const res = await fetch(`${base}/api/rating-device/${window}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { cookie, pending: () => call('GET', ''), rate: (body, headers) => call('POST', '/rating', body, headers) };
}
