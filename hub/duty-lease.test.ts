import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../test/support/eventually.js';
import { tempDir } from '../test/support/temp-dir.js';
import { DUTY_LEASE_ID, startDutyLease, type DutyLease, type DutyLeaseDoc } from './duty-lease.js';
import { createCouchStore } from './store/couch-store.js';
import type { Store } from './store/store.js';
import { startExpressPouch } from './testing/express-pouch-server.js';

const dir = tempDir();
let couch: Awaited<ReturnType<typeof startExpressPouch>>;
const opened: Store[] = [];
const leases: DutyLease[] = [];

beforeAll(async () => {
  couch = await startExpressPouch(dir.path);
});

afterAll(async () => {
  for (const l of leases) await l.stop();
  for (const s of opened) await s.close();
  await couch.close();
  dir.remove();
});

/** A hub instance's view of the shared store: its own connection, as another process has. */
async function instance(name: string, ttlMs: number, duties?: string[]) {
  const store = await createCouchStore({ url: couch.url, db: 'lease-test' });
  opened.push(store);
  const { lease, ready } = startDutyLease(store, {
    instance: name,
    ttlMs,
    renewMs: 100,
    whileHeld: async () => void duties?.push(name),
  });
  leases.push(lease);
  await ready;
  return { store, lease };
}

describe('the duty lease: one hub instance at a time does the single-writer duties', () => {
  it('is held by exactly one of three instances racing for it, and the duties run only there', async () => {
    const ran: string[] = [];
    const all = await Promise.all(['a', 'b', 'c'].map((n) => instance(n, 2000, ran)));
    await new Promise((r) => setTimeout(r, 500)); // several renewals
    const holders = all.filter((i) => i.lease.held());
    expect(holders).toHaveLength(1);
    const holder = holders[0]!.lease.holder()!;
    for (const i of all) expect(i.lease.holder()).toBe(holder);
    expect(new Set(ran)).toEqual(new Set([holder]));
    expect(ran.length).toBeGreaterThan(2);
    for (const i of all) await i.lease.stop();
  });

  it('passes to another instance at once when the holder stops, and after the lease ran out when it dies', async () => {
    const a = await instance('first', 1500);
    const b = await instance('second', 1500);
    expect(a.lease.held()).toBe(true);
    expect(b.lease.held()).toBe(false);
    await a.lease.stop(); // a clean shutdown gives the lease up
    await eventually(() => b.lease.held(), 1000, 'the second instance holds the lease after the first stopped');

    const c = await instance('third', 1500);
    expect(c.lease.held()).toBe(false);
    // The holder loses its store (a dead process, a cut link): it stops acting within the lease,
    // and the other takes over only once the lease written to the store ran out.
    await b.store.close();
    const cut = Date.now();
    await eventually(() => !b.lease.held(), 2000, 'the cut-off holder stops acting');
    await eventually(() => c.lease.held(), 4000, 'the third instance takes the lease');
    expect(Date.now() - cut).toBeGreaterThanOrEqual(1000);
    const doc = (await c.store.get(DUTY_LEASE_ID)) as DutyLeaseDoc;
    expect(doc.holder).toBe('third');
    expect(doc.parties).toEqual([]); // no node sees it
  });
});
