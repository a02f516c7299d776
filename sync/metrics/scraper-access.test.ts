import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressMatcher } from './address-match.js';
import { scraperAccess, scraperListSchema } from './scraper-access.js';

describe('address lists', () => {
  it('matches addresses, CIDR ranges, IPv4-mapped IPv6 and the word loopback', () => {
    const m = addressMatcher(['loopback', '10.20.0.0/16', '192.0.2.7', 'fd00:1::/32']);
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '10.20.255.1', '::ffff:10.20.0.9', '192.0.2.7', 'fd00:1:abcd::5', '[::1]']) expect(m(a), a).toBe(true);
    for (const a of ['10.21.0.1', '192.0.2.8', 'fd00:2::1', '::2', 'local', 'unknown', '', '1.2.3']) expect(m(a), a).toBe(false);
  });

  it('admits nothing with an empty list, and refuses entries it cannot read', () => {
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
    expect(() => addressMatcher(['10.0.0.0/33'])).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
    expect(() => addressMatcher(['example.org'])).toThrow(expect.objectContaining({ code: 'ERR_CONFIG' }));
  });

  it('reads the environment variable as a comma-separated list', () => {
    expect(scraperListSchema.parse('loopback, 10.0.0.0/8,::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(scraperListSchema.parse('')).toEqual([]);
    expect(scraperListSchema.safeParse('loopback,prometheus.lan').success).toBe(false);
  });
});

describe('who may scrape', () => {
  const from = (address: string, opts: { allow?: string[]; token?: string } = {}) => {
    const may = scraperAccess({ allow: opts.allow ?? ['loopback'], token: opts.token, clientAddress: () => address });
    const app = new Hono();
    app.get('/metrics', (c) => (may(c) ? c.text('ok') : c.text('no', 403)));
    return async (headers: Record<string, string> = {}) => (await app.request('/metrics', { headers })).status;
  };

  it('admits loopback and listed scrapers, and no one else', async () => {
    expect(await from('127.0.0.1')()).toBe(200);
    expect(await from('::1')()).toBe(200);
    expect(await from('10.1.2.3')()).toBe(403);
    expect(await from('10.1.2.3', { allow: ['loopback', '10.1.2.3'] })()).toBe(200);
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
    expect(await from('203.0.113.9', { token, allow: [] })({ authorization: `Bearer ${token}`, 'x-forwarded-for': '1.1.1.1' })).toBe(200);
    expect(await from('127.0.0.1', { allow: [] })()).toBe(403);
  });
});
