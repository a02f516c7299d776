import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { scraperAccess, scraperListSchema } from './scraper-access.js';

describe('who may scrape', () => {
  const from = (address: string, opts: { allow?: string[]; token?: string } = {}) => {
    const may = scraperAccess({ allow: opts.allow ?? ['loopback'], token: opts.token, clientAddress: () => address });
    const app = new Hono();
    app.get('/metrics', async (c) => ((await may(c)) ? c.text('ok') : c.text('no', 403)));
    return async (headers: Record<string, string> = {}) => (await app.request('/metrics', { headers })).status;
  };

  it('admits loopback (IPv4, IPv6 and IPv4-mapped) and listed addresses and ranges, and no one else', async () => {
    const allow = ['loopback', '10.20.0.0/16', '192.0.2.7', 'fd00:1::/32'];
    for (const a of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '::ffff:127.0.0.1',
      '10.20.255.1',
      '::ffff:10.20.0.9',
      '192.0.2.7',
      'fd00:1:abcd::5',
    ]) {
      expect(await from(a, { allow })(), a).toBe(200);
    }
    for (const a of ['10.21.0.1', '192.0.2.8', 'fd00:2::1', '::2', 'local', 'unknown', '', '1.2.3'])
      expect(await from(a, { allow })(), a).toBe(403);
    expect(await from('10.1.2.3')()).toBe(403);
  });

  it('admits no one by address with an empty list, and refuses a list entry it cannot read', async () => {
    expect(await from('127.0.0.1', { allow: [] })()).toBe(403);
    expect(() => scraperAccess({ allow: ['10.0.0.0/33'], clientAddress: () => '10.0.0.1' })).toThrow();
    expect(() => scraperAccess({ allow: ['example.org'], clientAddress: () => '10.0.0.1' })).toThrow();
  });

  it('never admits by address a request that came through a proxy', async () => {
    expect(await from('127.0.0.1')({ 'x-forwarded-for': '203.0.113.9' })).toBe(403);
    expect(await from('127.0.0.1')({ forwarded: 'for=203.0.113.9' })).toBe(403);
    expect(await from('127.0.0.1')({ 'x-real-ip': '203.0.113.9' })).toBe(403);
  });

  it('admits the bearer of the token from anywhere, and only the right token', async () => {
    const token = 'scrape-token-0123456789';
    expect(await from('203.0.113.9', { token })({ authorization: `Bearer ${token}` })).toBe(200);
    expect(await from('203.0.113.9', { token })({ authorization: 'Bearer scrape-token-012345678X' })).toBe(403);
    expect(
      await from('203.0.113.9', { token, allow: [] })({
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '1.1.1.1',
      }),
    ).toBe(200);
  });

  it('reads the environment variable as a comma-separated list', () => {
    expect(scraperListSchema.parse('loopback, 10.0.0.0/8,::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(scraperListSchema.parse('')).toEqual([]);
    expect(scraperListSchema.safeParse('loopback,prometheus.lan').success).toBe(false);
  });
});
