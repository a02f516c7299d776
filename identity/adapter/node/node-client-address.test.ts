import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../../sync/node-only.js';
import { addressMatcher, forwardedClientAddress } from './node-client-address.js';

describe('addressMatcher', () => {
  it('matches addresses, CIDR ranges, loopback and IPv4-mapped IPv6', () => {
    const m = addressMatcher(['10.0.0.0/8', '192.0.2.7', 'loopback', '2001:db8::/32']);
    expect(['10.1.2.3', '192.0.2.7', '127.0.0.9', '::1', '::ffff:10.9.9.9', '2001:db8::5'].map(m)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['11.0.0.1', '192.0.2.8', 'not-an-address', '2001:db9::1'].map(m)).toEqual([false, false, false, false]);
    expect(() => addressMatcher(['nonsense'])).toThrow();
  });
});

describe('forwardedClientAddress', () => {
  let servers: { url: string; close(): Promise<void> }[] = [];
  const serve = async (trusted: string[]) => {
    const app = new Hono();
    const address = forwardedClientAddress(trusted);
    app.get('/', (c) => c.text(address(c)));
    const { server, url } = await listen(app.fetch, '127.0.0.1', 0);
    servers.push({ url, close: () => closeServer(server) });
    return (xff?: string) => fetch(url, { headers: xff ? { 'x-forwarded-for': xff } : {} }).then((r) => r.text());
  };
  beforeAll(() => {
    servers = [];
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it('never reads the header without trusted proxies: the socket is the caller', async () => {
    const ask = await serve([]);
    expect(await ask('198.51.100.1')).toBe('127.0.0.1');
  });

  it('takes the right-most value a trusted proxy did not write, whatever the caller put before it', async () => {
    const ask = await serve(['loopback', '10.0.0.0/8']);
    expect(await ask('1.2.3.4, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ask('1.2.3.4, 203.0.113.9, 10.0.0.5')).toBe('203.0.113.9');
    expect(await ask()).toBe('127.0.0.1');
  });
});
