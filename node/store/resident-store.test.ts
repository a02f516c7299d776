import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { residentDocId, type ResidentDoc } from '../../sync/index.js';
import { actor, context, HCG, signer, writer } from '../../sync/write-rule/rule-test-kit.js';
import { APPLICANT } from '../../test/support/fixtures.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { GuardedWriter } from './guarded-writer.js';
import { ResidentStore } from './resident-store.js';

describe('ResidentStore', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: PouchDB.Database;
  let guard: GuardedWriter;
  let residents: ResidentStore;
  let reads: number;
  const clerk = actor(HCG);
  const at = () => new Date().toISOString();

  beforeEach(() => {
    dir = tempDir();
    db = new PouchDB(join(dir.path, 'db'));
    // The replica's reads, counted wherever the register or its writer makes them.
    reads = 0;
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'get') return Reflect.get(target, prop, receiver);
        return (id: string, o?: object) => {
          reads++;
          return target.get(id, o ?? {});
        };
      },
    });
    guard = new GuardedWriter(counted, signer(HCG), writer(HCG), context());
    residents = new ResidentStore(counted, HCG, guard, { warn: () => undefined });
  });
  afterEach(async () => {
    await db.close();
    dir.remove();
  });

  const idOf = () => residentDocId(HCG, APPLICANT.idType, APPLICANT.idNumber);

  it('writes a new applicant once, and an applicant noted again unchanged costs no read and no write', async () => {
    await residents.remember(APPLICANT, clerk, at());
    const first = await db.get<ResidentDoc>(await idOf());
    expect(first.applicant).toEqual(APPLICANT);
    expect(reads).toBe(1);

    await residents.remember(APPLICANT, clerk, at());
    expect(reads).toBe(1);
    expect((await db.get(await idOf()))._rev).toBe(first._rev);
    expect(await residents.find(APPLICANT.idType, APPLICANT.idNumber)).toEqual(APPLICANT);
  });

  it('rewrites the record when the applicant comes with a new phone, and prefills the new one', async () => {
    await residents.remember(APPLICANT, clerk, at());
    const moved = { ...APPLICANT, phone: '13912345678' };
    await residents.remember(moved, clerk, at());
    const doc = await db.get<ResidentDoc>(await idOf());
    expect(doc._rev).toMatch(/^2-/);
    expect(await residents.find(APPLICANT.idType, APPLICANT.idNumber)).toEqual(moved);
  });

  it('writes over a record changed behind its back: the conflict reads the record afresh', async () => {
    await residents.remember(APPLICANT, clerk, at());
    // Another write of this hall's record (a restored replica, say) that the register did not see.
    const behind = { ...APPLICANT, phone: '13700000000' };
    const held = await db.get<ResidentDoc>(await idOf());
    await guard.put({ ...held, applicant: behind, at: at() });

    const latest = { ...APPLICANT, phone: '13812345678' };
    await residents.remember(latest, clerk, at());
    const doc = await db.get<ResidentDoc>(await idOf(), { conflicts: true });
    expect(doc.applicant).toEqual(latest);
    expect(doc._rev).toMatch(/^3-/);
    expect(doc._conflicts).toBeUndefined();
  });

  it('updates the winning record of two conflicting ones, as PouchDB reads it', async () => {
    await residents.remember(APPLICANT, clerk, at());
    const id = await idOf();
    const base = await db.get<ResidentDoc>(id);
    // Two branches from the same record: one a generation longer, which PouchDB makes the winner.
    const short = guard.signer.prove({ ...base, _rev: undefined, applicant: { ...APPLICANT, phone: '13600000001' } });
    const long = guard.signer.prove({ ...base, _rev: undefined, applicant: { ...APPLICANT, phone: '13600000002' } });
    const hash = (n: number) => String(n).repeat(32);
    await db.bulkDocs(
      [
        { ...short, _rev: `2-${hash(1)}`, _revisions: { start: 2, ids: [hash(1), base._rev.slice(2)] } },
        {
          ...long,
          _rev: `3-${hash(3)}`,
          _revisions: { start: 3, ids: [hash(3), hash(2), base._rev.slice(2)] },
        },
      ],
      { new_edits: false },
    );
    const fresh = new ResidentStore(db, HCG, guard, { warn: () => undefined });
    const latest = { ...APPLICANT, phone: '13812345678' };
    await fresh.remember(latest, clerk, at());
    const doc = await db.get<ResidentDoc>(id, { conflicts: true });
    expect(doc.applicant).toEqual(latest);
    expect(doc._rev).toMatch(/^4-/);
    expect(doc._conflicts).toEqual([`2-${hash(1)}`]);
  });
});
