import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDistrict } from '../../deploy/start-district.js';
import { residentDocId, type Applicant } from '../../sync/index.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { attackerOf, type Attacker } from './support/attacker.js';
import { acceptAt, STATION, STATION_STREET, startStationDistrict } from './support/station-district.js';

// The hub answers a node's read of a document it cannot see exactly as for one that does not
// exist. Its answer to a write must not tell them apart either: a register record's id is the hall
// and the person's ID number, so a station pushing a tombstone (or any revision) under the id of
// another hall's record for a given ID number learnt, from the refusal's reason, whether that
// person had been an applicant there.
const A = STATION;
const STREET = STATION_STREET;
/** Nobody any hall has seen. */
const STRANGER: Applicant = { ...OTHER_APPLICANT, name: '王五', idNumber: '110101198001010053' };

const dir = tempDir('hallnet-existence-probe-');
let district: RunningDistrict;
let attacker: Attacker;

beforeAll(async () => {
  district = await startStationDistrict(dir.path, [STREET]);
  await acceptAt(district, STREET, APPLICANT);
  const record = await residentDocId(STREET, APPLICANT.idType, APPLICANT.idNumber);
  await eventually(() => district.hub!.store.get(record), 30_000, "the street's register record at the hub");
  attacker = attackerOf(A, district.nodeDir(A), district.hubUrl, dir.path);
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

/** The hub's answers to a tombstone and to a register record of the station's own, under the street's record id for `who`. */
async function probe(who: Applicant) {
  const _id = await residentDocId(STREET, who.idType, who.idNumber);
  const h = () => randomBytes(16).toString('hex');
  const [a, b] = [h(), h()];
  const tombstone = { _id, _rev: `2-${a}`, _deleted: true, _revisions: { start: 2, ids: [a, h()] } };
  const record = {
    _rev: `1-${b}`,
    _revisions: { start: 1, ids: [b] },
    ...attacker.signer.prove({
      _id,
      type: 'resident',
      scope: A,
      parties: [A],
      author: { id: 'staff:clerk', name: '王窗口', org: A },
      at: new Date().toISOString(),
      applicant: who,
    }),
  };
  const answers = [...(await attacker.push('bulk', [tombstone])), ...(await attacker.push('bulk', [record]))];
  return answers.map((x) => ({ status: x.status, error: x.failure?.error, reason: x.failure?.reason }));
}

describe("another hall's register record, probed by writes", () => {
  it('is refused with the same reasons as a record nobody holds', async () => {
    const held = await probe(APPLICANT);
    const absent = await probe(STRANGER);
    expect(absent.map((x) => x.error)).toEqual(['forbidden', 'forbidden']);
    expect(held).toEqual(absent);
  });

  it('and stays as its hall wrote it', async () => {
    const record = await district.hub!.store.get(await residentDocId(STREET, APPLICANT.idType, APPLICANT.idNumber));
    expect(record).toMatchObject({ scope: STREET, applicant: { idNumber: APPLICANT.idNumber } });
    expect(record!._deleted).toBeUndefined();
  });
});
