import { describe, expect, it } from 'vitest';
import { HubShortcuts } from './hub-shortcuts.js';

const DB = 'http://hub.test/db';
const unreachable = async (): Promise<Response> => {
  throw new Error('no hub here');
};
const answered = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HubShortcuts', () => {
  it('answers a checkpoint read with what the node last wrote there, and only that', async () => {
    const s = new HubShortcuts(DB, unreachable);
    const url = `${DB}/_local/abc%3D%3D`;
    expect(s.answer(url, undefined)).toBeUndefined(); // never written here: the hub is asked
    const put = { method: 'PUT', body: JSON.stringify({ _id: '_local/abc==', last_seq: '7', history: [] }) };
    await s.learn(url, put, answered({ ok: true, id: '_local/abc==', rev: '0-3' }, 201));
    expect(await s.answer(url, { method: 'GET' })?.json()).toEqual({
      _id: '_local/abc==',
      last_seq: '7',
      history: [],
      _rev: '0-3',
    });
    expect(s.answer(`${DB}/_local/other`, undefined)).toBeUndefined();
    expect(s.answer(`${url}?revs=true`, undefined)).toBeUndefined();
  });

  it('keeps nothing from a refused write, and forgets everything when the hub fails', async () => {
    const s = new HubShortcuts(DB, unreachable);
    const url = `${DB}/_local/abc`;
    const put = { method: 'PUT', body: JSON.stringify({ last_seq: '7' }) };
    await s.learn(url, put, answered({ error: 'forbidden' }, 403));
    expect(s.answer(url, undefined)).toBeUndefined();
    await s.learn(url, put, answered({ ok: true, rev: '0-1' }, 201));
    s.pulled([{ _id: 'a', _rev: '1-x' }]);
    await s.learn(`${DB}/_changes`, undefined, answered({ error: 'unavailable' }, 503));
    expect(s.answer(url, undefined)).toBeUndefined();
    expect(s.answer(`${DB}/_revs_diff`, { method: 'POST', body: JSON.stringify({ a: ['1-x'] }) })).toBeUndefined();
  });

  it('answers "nothing missing" only when every revision offered came from the hub', async () => {
    const s = new HubShortcuts(DB, unreachable);
    s.pulled([
      { _id: 'a', _rev: '1-x' },
      { _id: 'b', _rev: '2-y' },
    ]);
    const diff = (body: unknown) =>
      s.answer(`${DB}/_revs_diff`, { method: 'POST', body: JSON.stringify(body) })?.json();
    expect(await diff({ a: ['1-x'], b: ['2-y'] })).toEqual({});
    // A local edit, or a conflicting leaf written here, goes to the hub with the rest of its batch.
    expect(await diff({ a: ['1-x', '2-z'] })).toBeUndefined();
    expect(await diff({ a: ['1-x'], c: ['1-w'] })).toBeUndefined();
  });

  it('remembers the most recent pulled revisions up to its bound', () => {
    const s = new HubShortcuts(DB, unreachable, { maxPulled: 2 });
    s.pulled([
      { _id: 'a', _rev: '1-a' },
      { _id: 'b', _rev: '1-b' },
      { _id: 'c', _rev: '1-c' },
    ]);
    const offered = (id: string) =>
      s.answer(`${DB}/_revs_diff`, { method: 'POST', body: JSON.stringify({ [id]: [`1-${id}`] }) });
    expect(offered('a')).toBeUndefined();
    expect(offered('b')).toBeDefined();
    expect(offered('c')).toBeDefined();
  });

  it("reuses the hub's database info for a while, then asks again", async () => {
    let now = 0;
    const s = new HubShortcuts(DB, unreachable, { infoMaxAgeMs: 1000, now: () => now });
    expect(s.answer(`${DB}/`, undefined)).toBeUndefined();
    await s.learn(`${DB}/`, undefined, answered({ db_name: 'db', update_seq: '5' }));
    now = 999;
    expect(await s.answer(`${DB}/`, undefined)?.json()).toEqual({ db_name: 'db', update_seq: '5' });
    now = 1000;
    expect(s.answer(`${DB}/`, undefined)).toBeUndefined();
  });
});
