import { describe, expect, it } from 'vitest';
import { staffChangeDocId } from '../staff-change.js';
import { context, DSK, HCG, heldAs, JS, next, now, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';

/** The notice JS's node writes when its admin changes a clerk of HCG; `extra` changes what a forger changes. */
const change = (extra: Record<string, unknown> = {}) => ({
  _id: staffChangeDocId('clerk-a1'),
  type: 'staff-change',
  scope: JS,
  parties: [JS],
  author: { id: 'staff:admin', name: '街道管理员', org: JS },
  at: now(),
  account: 'clerk-a1',
  org: HCG,
  from: Date.now(),
  ...extra,
});
const check = (org: string, doc: Record<string, unknown>, held?: ReturnType<typeof heldAs>) =>
  checkWrite(writer(org), signer(org).prove(doc), held, context());

describe('the write rule for staff change notices', () => {
  it('is the node an admin acted at, by its staff, for an account of its subtree; from only moves on', async () => {
    expect(await check(JS, change())).toEqual({ ok: true });
    // Another street's node, a community for its street's clerk, an account outside, no admin named.
    expect(await check(DSK, change())).toMatchObject({ ok: false });
    expect(await check(HCG, change({ scope: HCG, parties: [HCG], org: JS }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside'),
    });
    expect(await check(JS, change({ org: 'dongcheng/donghuamen' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside'),
    });
    expect(await check(JS, change({ author: { id: 'node:x', org: JS } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('admin'),
    });
    expect(await check(JS, change({ _id: staffChangeDocId('someone-else') }))).toMatchObject({ ok: false });
    expect(await checkWrite(writer(JS), change(), undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('proof'),
    });
    const first = signer(JS).prove(change());
    expect(await check(JS, next(change({ from: (first.from as number) + 500 })), heldAs(first))).toEqual({ ok: true });
    expect(await check(JS, next(change({ from: (first.from as number) - 1 })), heldAs(first))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('moves from on'),
    });
    // A station's notice for its street's clerk dated just inside the bound does not hold the street's back.
    const ahead = signer(HCG).prove(
      change({
        scope: HCG,
        parties: [HCG],
        author: { id: 'staff:admin', org: HCG },
        org: HCG,
        from: Date.now() + 9 * 60_000,
      }),
    );
    expect(await check(JS, next(change()), heldAs(ahead))).toEqual({ ok: true });
    // The station does not take the street's notice over as the street takes the station's.
    const byStation = change({
      scope: HCG,
      parties: [HCG],
      author: { id: 'staff:admin', org: HCG },
      org: HCG,
      from: (first.from as number) - 1,
    });
    expect(await check(HCG, next(byStation), heldAs(first))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('moves from on'),
    });
    // A change dated far ahead, which no later change could move on from, is refused.
    expect(await check(JS, change({ from: Number.MAX_SAFE_INTEGER }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('future'),
    });
  });
});
