import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../hub/store/store.js';
import { caseDoc, materialDoc, withEvent } from '../../hub/testing/hub-fixtures.js';
import { readCityCredentials } from '../../hub/city/city-credentials.js';
import { revocationDocId, type CaseDoc, type CertificateDoc, type UnsignedCaseEvent } from '../../sync/index.js';
import { NodeSigner } from '../../sync/node-only.js';
import { revision, startCityHubs, type CityHubs } from '../city/city-hubs.js';
import { eventually } from '../support/eventually.js';
import { tempDir } from '../support/temp-dir.js';

// 跨区通办 relayed: a district hub holds a genuine certificate from the city CA, but its key signs no
// event. Each event it relays must be signed by one of its own halls, whose certificate it relayed
// and the city verified from the district's root; the city refuses whatever a hostile district hub
// makes up, alters, moves from another case or borrows from another district's hall.
const XC_HALL = 'xicheng/jinrongjie/fengsheng';
const XC_STREET = 'xicheng/jinrongjie';
const DC_DEPT = 'dongcheng/dept/police';
/** A 西城 community whose certificate 西城 revokes. */
const REVOKED = 'xicheng/jinrongjie/taipingqiao';
/** A key of no enrolled hall: what a district hub can sign with on its own. */
const ROGUE = 'xicheng/jinrongjie/rogue';

const dir = tempDir('hallnet-city-relay-');
let hubs: CityHubs;
/** A genuine 西城 case forwarded to 东城, held at the city. */
let held: CaseDoc;

const store = (district: string): Store => hubs.districts.get(district)!.store;
const eventsAt = async (s: Store, id: string) => ((await s.get(id)) as CaseDoc | undefined)?.events.length ?? 0;

/** A case accepted at 西城's community and forwarded to 东城's department, signed by the node of `by`. */
const crossing = (by = XC_HALL) =>
  withEvent(caseDoc({ scope: XC_HALL, by }), XC_HALL, { kind: 'forwarded', to: DC_DEPT }, by);

/** An event without its key id and signature. */
function unsigned(e: CaseDoc['events'][number]): UnsignedCaseEvent {
  const { kid: _kid, sig: _sig, ...rest } = e;
  void _kid, void _sig;
  return rest as UnsignedCaseEvent;
}

/** What the city answers 西城's hub for one revision. */
async function refusal(doc: Record<string, unknown>): Promise<string | undefined> {
  const [answer] = await hubs.pushAsDistrict('xicheng', [doc]);
  expect(answer!.error).toBe('forbidden');
  return answer!.reason;
}

beforeAll(async () => {
  hubs = await startCityHubs(dir.path, 'beijing', ['xicheng', 'dongcheng']);
  for (const org of [XC_STREET, XC_HALL, DC_DEPT, REVOKED]) await hubs.enrollHall(org);
  const genuine = crossing();
  await store('xicheng').bulkDocs([genuine], { newEdits: true });
  held = (await eventually(() => hubs.city.store.get(genuine._id), 40_000, 'the genuine case at the city')) as CaseDoc;
  // 东城's department certificate reaches the city too: a signature a 西城 hub could borrow.
  await eventually(
    async () => (await hubs.city.store.docsByPrefix('certificate:', { limit: 50 })).length >= 6,
    40_000,
    'the halls’ certificates at the city',
  );
}, 120_000);

afterAll(async () => {
  await hubs?.close();
  dir.remove();
});

describe('a district hub with its genuine city certificate relaying what its halls did not sign', () => {
  it('a case signed by a key of no enrolled hall (or by the district hub’s own key) is refused', async () => {
    expect(await refusal(revision(crossing(ROGUE)))).toMatch(/no hall's the city holds a certificate of/);
    const hubSigned = crossing(XC_HALL);
    const [first, ...rest] = hubSigned.events;
    // The district hub's own key, the one its city certificate is for, signing the acceptance itself.
    const { keyPem } = readCityCredentials(hubs.caDir('xicheng'));
    const [bySelf] = new NodeSigner(keyPem).signEvents(hubSigned._id, hubSigned, [unsigned(first!)]);
    expect(await refusal(revision({ ...hubSigned, events: [bySelf, ...rest] }))).toMatch(
      /no hall's the city holds a certificate of/,
    );
  });

  it('an unsigned event, and one whose signature is not its key’s, are refused', async () => {
    const doc = crossing();
    const stripped = doc.events.map(unsigned);
    expect(await refusal(revision({ ...doc, events: stripped }))).toBe('invalid case');
    const noise = Buffer.alloc(256, 7).toString('base64url');
    const bogus = doc.events.map((e) => ({ ...e, sig: noise }));
    expect(await refusal(revision({ ...doc, events: bogus }))).toMatch(/signature does not verify/);
  });

  it('a header or an event altered after its hall signed it is refused', async () => {
    const doc = crossing();
    expect(
      await refusal(revision({ ...doc, applicant: { ...doc.applicant, name: '李四' } as CaseDoc['applicant'] })),
    ).toMatch(new RegExp(`event ${doc.events[0]!.id}: signature does not verify`));
    const appended = withEvent(held, XC_HALL, { kind: 'completed' });
    const altered = {
      ...appended.events.at(-1)!,
      at: new Date(Date.parse(held.events[0]!.at) - 86_400_000).toISOString(),
    };
    expect(await refusal(revision({ ...appended, events: [...held.events, altered] }, held))).toMatch(
      /signature does not verify/,
    );
  });

  it('a field its hall never signed, nested in a genuine event, is refused: it would ride to every district', async () => {
    const appended = withEvent(held, XC_HALL);
    const e = appended.events.at(-1)!;
    const padded = { ...e, actor: { ...e.actor, note: 'x'.repeat(1000) } };
    expect(await refusal(revision({ ...appended, events: [...held.events, padded] }, held))).toMatch(
      /events\.\d+\.actor\.note: a case document has no such field/,
    );
  });

  it('a genuine event of another case, replayed into this one, is refused: its signature names its case', async () => {
    const other = withEvent(crossing(), XC_HALL, { kind: 'completed' });
    const replayed = { ...held, events: [...held.events, other.events.at(-1)!] };
    expect(await refusal(revision(replayed, held))).toMatch(/signature does not verify/);
  });

  it("an event signed by 东城's hall, or naming an office above its signing hall, is not 西城's to relay", async () => {
    // Claimed as 西城's community, signed with the key of 东城's department (a certificate the city holds).
    const borrowed = withEvent(held, XC_HALL, { kind: 'completed' }, DC_DEPT);
    expect(await refusal(revision(borrowed, held))).toMatch(
      /signed by dongcheng\/dept\/police, a hall outside xicheng/,
    );
    // Signed by the community, acting as its street.
    const upward = withEvent(held, XC_STREET, { kind: 'completed' }, XC_HALL);
    expect(await refusal(revision(upward, held))).toMatch(/names xicheng\/jinrongjie, outside its signer/);
  });

  it('a material proved by no hall of 西城, or whose file is not the one its digest names, is refused', async () => {
    expect(await refusal(revision(materialDoc(held, '伪造材料', ROGUE)))).toMatch(
      /no hall's the city holds a certificate of/,
    );
    const genuine = materialDoc(held, '真实材料');
    const swapped = {
      ...genuine,
      _attachments: { file: { content_type: 'application/pdf', data: Buffer.from('调包材料').toString('base64') } },
    };
    expect(await refusal(revision(swapped))).toMatch(/size differs|digest differs/);
    expect((await hubs.pushAsDistrict('xicheng', [revision(genuine)])).filter((a) => a.error)).toEqual([]);
  });

  it("retiring a branch of the case is 东城's alone (its department decides it), and only one whose events another revision keeps", async () => {
    const tombstone = revision({ _id: held._id, _deleted: true, type: 'case', parties: held.parties }, held);
    expect(await refusal(tombstone)).toMatch(/only dongcheng's hub merges the branches of this case/);
    const [answer] = await hubs.pushAsDistrict('dongcheng', [tombstone]);
    expect(answer).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/a case is never deleted/) });
  });

  it('nothing refused is stored at the city or reaches 东城; the genuine case does, unchanged', async () => {
    await eventually(() => store('dongcheng').get(held._id), 40_000, 'the genuine case at 东城');
    expect(await eventsAt(hubs.city.store, held._id)).toBe(2);
    expect(await eventsAt(store('dongcheng'), held._id)).toBe(2);
    const cases = await hubs.city.store.docsByPrefix('case:', { limit: 100 });
    expect(cases.map((c) => c._id)).toEqual([held._id]);
  });

  it("once 西城 revokes a hall's certificate, the city takes nothing it signs after and still what it signed before; 东城 hears of it", async () => {
    const accepted = () => withEvent(caseDoc({ scope: REVOKED }), REVOKED, { kind: 'forwarded', to: DC_DEPT });
    const before = accepted();
    await new Promise((r) => setTimeout(r, 20));
    const certs = (await hubs.city.store.docsByPrefix('certificate:', { limit: 50 })) as unknown as CertificateDoc[];
    const serial = certs.find((c) => c.org === REVOKED)!.serial;
    const revokedAt = new Date().toISOString();
    const revocation = {
      _id: revocationDocId('certificate', serial),
      type: 'revocation',
      scope: 'xicheng',
      parties: ['xicheng'],
      author: { id: 'hub', org: 'xicheng' },
      at: revokedAt,
      what: 'certificate',
      target: serial,
      reason: '终端被盗',
      revokedAt,
    };
    await store('xicheng').bulkDocs([revocation as never], { newEdits: true });
    await eventually(() => store('dongcheng').get(revocation._id), 40_000, 'the revocation at 东城');
    await new Promise((r) => setTimeout(r, 20));
    expect(await refusal(revision(accepted()))).toMatch(
      /signed by xicheng\/jinrongjie\/taipingqiao after its certificate/,
    );
    // What it signed before, relayed late (the hall was offline), still counts.
    expect((await hubs.pushAsDistrict('xicheng', [revision(before)])).filter((a) => a.error)).toEqual([]);
    // 东城 cannot revoke 西城's halls at the city.
    const hallSerial = certs.find((c) => c.org === XC_HALL)!.serial;
    const [answer] = await hubs.pushAsDistrict('dongcheng', [
      revision({
        ...revocation,
        _id: revocationDocId('certificate', hallSerial),
        target: hallSerial,
        scope: 'dongcheng',
      }),
    ]);
    expect(answer).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/not one of dongcheng's halls/) });
  });
});
