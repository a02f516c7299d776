import { describe, expect, it } from 'vitest';
import { HubCheckpoints } from './hub-checkpoints.js';

const URL_A = 'http://hub.test/db/_local/a';
const body = (session: string, seq: number) => JSON.stringify({ _id: '_local/a', session_id: session, last_seq: seq });

/** A hub that records what it was sent and answers each write `status`. */
function hub(status = 201) {
  const sent: { url: string; body: unknown }[] = [];
  const send = async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(JSON.stringify({ ok: true, rev: '0-9' }), { status });
  };
  return { sent, send };
}

describe('HubCheckpoints', () => {
  it('sends the first write of a session to the hub, and answers later ones at once', async () => {
    const h = hub();
    const c = new HubCheckpoints(h.send, 60_000);
    expect(c.answer(URL_A, 'GET', undefined)).toBeUndefined();
    expect(c.answer(URL_A, 'PUT', body('s1', 1))).toBeUndefined(); // not held yet: to the hub
    c.written(URL_A, body('s1', 1), '0-1');
    const later = c.answer(URL_A, 'PUT', body('s1', 2));
    expect(later?.status).toBe(201);
    expect(await later?.json()).toEqual({ ok: true, id: '_local/a', rev: '0-2' });
    expect(await c.answer(URL_A, 'GET', undefined)?.json()).toMatchObject({ last_seq: 2, _rev: '0-2' });
    // A new session (the replication restarted) writes to the hub again.
    expect(c.answer(URL_A, 'PUT', body('s2', 3))).toBeUndefined();
    expect(h.sent).toEqual([]);
  });

  it('sends only the latest deferred write of each checkpoint when it flushes', async () => {
    const h = hub();
    const c = new HubCheckpoints(h.send, 60_000);
    c.written(URL_A, body('s1', 1), '0-1');
    c.answer(URL_A, 'PUT', body('s1', 2));
    c.answer(URL_A, 'PUT', body('s1', 3));
    await c.flush();
    expect(h.sent).toEqual([{ url: URL_A, body: { _id: '_local/a', session_id: 's1', last_seq: 3 } }]);
    await c.flush();
    expect(h.sent).toHaveLength(1);
  });

  it('flushes by itself after its interval', async () => {
    const h = hub();
    const c = new HubCheckpoints(h.send, 20);
    c.written(URL_A, body('s1', 1), '0-1');
    c.answer(URL_A, 'PUT', body('s1', 2));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.sent.map((s) => s.body)).toEqual([{ _id: '_local/a', session_id: 's1', last_seq: 2 }]);
  });

  it('drops a deferred write once a newer session has written straight to the hub', async () => {
    const h = hub();
    const c = new HubCheckpoints(h.send, 60_000);
    c.written(URL_A, body('s1', 1), '0-1');
    c.answer(URL_A, 'PUT', body('s1', 2));
    expect(c.answer(URL_A, 'PUT', body('s2', 3))).toBeUndefined();
    await c.flush();
    expect(h.sent).toEqual([]);
  });

  it('forgets everything when a deferred write is refused, so the next read goes to the hub', async () => {
    const h = hub(503);
    const c = new HubCheckpoints(h.send, 60_000);
    c.written(URL_A, body('s1', 1), '0-1');
    c.answer(URL_A, 'PUT', body('s1', 2));
    await c.flush();
    expect(c.answer(URL_A, 'GET', undefined)).toBeUndefined();
  });
});
