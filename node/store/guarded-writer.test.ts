import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { context, HCG, newCase, signer, writer } from '../../sync/write-rule/rule-test-kit.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { GuardedWriter } from './guarded-writer.js';

describe('GuardedWriter', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;
  let reads: string[];
  let proofs: number;
  let guard: GuardedWriter;

  beforeEach(() => {
    dir = tempDir();
    db = new PouchDB(join(dir.path, 'db'));
    reads = [];
    proofs = 0;
    // The replica's reads and the signer's proofs, counted.
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'get') return Reflect.get(target, prop, receiver);
        return (id: string, o?: object) => {
          reads.push(id);
          return target.get(id, o ?? {});
        };
      },
    });
    const base = signer(HCG);
    const countingSigner = Object.assign(Object.create(base), {
      prove: <T extends object>(doc: T) => {
        proofs++;
        return base.prove(doc);
      },
    });
    guard = new GuardedWriter(counted, countingSigner, writer(HCG), context());
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  it('creates a new case without reading its id first, checked by the write rule', async () => {
    const doc = newCase(HCG);
    const saved = await guard.create(doc);
    expect(saved._rev).toMatch(/^1-/);
    expect(reads).not.toContain(doc._id);
    expect((await db.get(doc._id))._rev).toBe(saved._rev);
  });

  it('refuses a create over a live document (409) and keeps what was held', async () => {
    const doc = newCase(HCG);
    const first = await guard.create(doc);
    // The same acceptance sent twice: the rule passes it, the store does not.
    await expect(guard.create({ ...doc, at: new Date(Date.now() + 1000).toISOString() })).rejects.toMatchObject({
      status: 409,
    });
    const held = await db.get<{ at: string }>(doc._id, { conflicts: true });
    expect(held._rev).toBe(first._rev);
    expect(held.at).toBe(doc.at);
    expect(held._conflicts).toBeUndefined();
  });

  it('refuses a create the write rule refuses, storing nothing', async () => {
    const foreign = newCase('dongcheng/donghuamen/dengshikou');
    await expect(guard.create(foreign)).rejects.toMatchObject({ code: 'ERR_WRITE_REFUSED' });
    await expect(db.get(foreign._id)).rejects.toMatchObject({ status: 404 });
  });

  it('answers a put over a live document without its revision with 409 before signing it', async () => {
    await db.put({ _id: 'notice:x:y', type: 'notice', scope: HCG, parties: [HCG] });
    await expect(guard.put({ _id: 'notice:x:y', type: 'notice', scope: HCG, parties: [HCG] })).rejects.toMatchObject({
      status: 409,
    });
    expect(proofs).toBe(0);
  });
});
