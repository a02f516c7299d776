import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDistrict } from '../../deploy/start-district.js';
import { clerkClient, type Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import type { CaseDoc } from '../../sync/index.js';
import { APPLICANT, OTHER_APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { attackerOf, nextRev, type Attacker } from './support/attacker.js';
import { eventBy } from './support/forge.js';
import { by, proven, residentRecord } from './support/forge-docs.js';
import { acceptedAtHub, CLERK, STATION, startStationDistrict } from './support/station-district.js';

// A station's genuine key writes its own documents, each otherwise admissible, with a top-level
// field no type of ours has: a node ignores it, but the hub stored it and every hall it reaches
// replicated it, up to the size bound (half a megabyte riding on a case). The write rule holds every
// type to the fields its schema names, at the hub and at the node's own writes, naming the field.
const A = STATION;

const dir = tempDir('hallnet-stray-fields-');
let district: RunningDistrict;
let attacker: Attacker;
let caseId: string;
let clerk: Client;

beforeAll(async () => {
  district = await startStationDistrict(dir.path);
  caseId = await acceptedAtHub(district, A, APPLICANT);
  clerk = await clerkClient(district.nodes.get(A)!.url, CLERK.account, PASSWORD);
  attacker = attackerOf(A, district.nodeDir(A), district.hubUrl, dir.path);
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

describe('top-level fields no document type has', () => {
  it("a case revision carrying half a megabyte under a field of the attacker's naming is refused, naming it", async () => {
    const held = await attacker.read(caseId);
    const forged = nextRev(held, { ...held, junk: 'x'.repeat(500_000) });
    const [answer] = await attacker.push('bulk', [forged]);
    expect(answer!.failure).toEqual({
      id: caseId,
      rev: forged._rev,
      error: 'forbidden',
      reason: 'invalid document: junk: a case document has no such field',
    });
    expect((await district.hub!.store.get(caseId))!._rev).toBe(held._rev);
  });

  it('so is a signed register record with an extra field, by stock PouchDB', async () => {
    const record = await residentRecord(attacker.signer, {
      scope: A,
      writer: A,
      applicant: OTHER_APPLICANT,
      extra: { photo: 'x'.repeat(30_000) },
    });
    const [answer] = await attacker.push('pouch', [record]);
    expect(answer!.failure?.reason).toBe('invalid document: photo: a resident document has no such field');
    expect(await district.hub!.store.get(record._id)).toBeUndefined();
  });

  it('a licence short of its fields is refused on its own, naming them, not answered 500 with its batch', async () => {
    const licence = proven(attacker.signer, {
      _id: 'licence:DC-2026-00000001',
      type: 'licence',
      scope: A,
      parties: [A],
      ...by(A),
    });
    const [answer] = await attacker.push('bulk', [licence]);
    expect(answer!.status).toBe(201);
    expect(answer!.failure).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/^invalid document: .*number/),
    });
    expect(await district.hub!.store.get(licence._id)).toBeUndefined();
  });

  it('an event carrying a field its kind does not have is refused, and the case goes on', async () => {
    const held = await attacker.read(caseId);
    const doc = held as unknown as CaseDoc;
    const [signed] = attacker.signer.signEvents(doc._id, doc, [
      eventBy(A, { kind: 'material-received', materialId: 'id-card' }),
    ]);
    // Signed as the schema reads it; the field rides along outside what the signature covers.
    const poisoned = { ...signed!, junk: 'x'.repeat(1000) };
    const forged = nextRev(held, { ...held, events: [...doc.events, poisoned] });
    const [answer] = await attacker.push('bulk', [forged]);
    expect(answer!.failure).toMatchObject({
      error: 'forbidden',
      reason: `invalid document: events.${doc.events.length}.junk: a case document has no such field`,
    });
    expect((await district.hub!.store.get(caseId))!._rev).toBe(held._rev);
    // The station's clerk still acts on the case, and the hub takes it.
    const id = caseId.slice('case:'.length);
    const res = await clerk.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: 'dongcheng/dept/disabled' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await eventually(
      async () => ((await district.hub!.store.get(caseId))?.events as unknown[]).length === doc.events.length + 1,
      30_000,
      "the clerk's event at the hub",
    );
  });

  it("the station's own node refuses to write one", async () => {
    const guard = district.nodes.get(A)!.services.guard;
    const doc = await district.hub!.store.get(caseId);
    const { _rev, ...content } = doc!;
    await expect(guard.check({ ...content, note: 'x' }, await guard.heldOf(caseId))).rejects.toMatchObject({
      code: 'ERR_WRITE_REFUSED',
      message: 'invalid document: note: a case document has no such field',
    });
    void _rev;
  });
});
