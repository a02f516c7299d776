import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SLOTS } from '../../hub/gateway/local-slots.js';
import type { RunningDistrict } from '../../deploy/start-district.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT, OTHER_APPLICANT } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { attackerOf, type Attacker } from './support/attacker.js';
import { acceptAt, STATION, STATION_STREET, startStationDistrict } from './support/station-district.js';

// A station's genuine key writes `_local` documents (checkpoints) under ids of its choosing: each
// was held to 64 KiB, but their number was not, so one node could fill the hub's store 64 KiB at a
// time. A node now holds a fixed number of them; one more id while all are in use is a 429 naming
// the bound, and the station's own sync, whose checkpoint ids are stable, goes on across restarts.
const A = STATION;
const STREET = STATION_STREET;

const dir = tempDir('hallnet-checkpoint-slots-');
let district: RunningDistrict;
let attacker: Attacker;

beforeAll(async () => {
  district = await startStationDistrict(dir.path);
  attacker = attackerOf(A, district.nodeDir(A), district.hubUrl, dir.path);
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

async function putLocal(id: string) {
  const res = await fetch(`${district.hubUrl}/db/_local/${id}`, {
    method: 'PUT',
    headers: { authorization: await attacker.authorization(), 'content-type': 'application/json' },
    body: JSON.stringify({ last_seq: '7', junk: 'x'.repeat(60_000) }),
  });
  return { status: res.status, body: (await res.json()) as { error?: string; reason?: string } };
}

/** A case accepted at the station, once it has reached the street's node through the hub. */
async function acceptedAndSynced(applicant: typeof APPLICANT): Promise<void> {
  const id = await acceptAt(district, A, applicant);
  await eventually(
    () => district.nodes.get(STREET)!.services.index.get(id) !== undefined,
    30_000,
    'the case at the street',
  );
}

describe("a node's checkpoints at the hub", () => {
  it('after restarts, the station syncs under the same few checkpoints', async () => {
    await acceptedAndSynced(APPLICANT);
    for (let i = 0; i < 3; i++) {
      await district.stopNode(A);
      await district.startNode(A);
    }
    await acceptedAndSynced(OTHER_APPLICANT);
  }, 120_000);

  it(`a genuine key writing ever new ids gets ${LOCAL_SLOTS} in all, its node's own counted, then 429 naming the bound`, async () => {
    const answers = [];
    for (let i = 0; i < LOCAL_SLOTS + 4; i++) answers.push(await putLocal(`junk-${i}`));
    const taken = answers.findIndex((a) => a.status !== 201);
    // The station's own sync holds a checkpoint per direction (push, pull); restarts made no more of them.
    expect(taken).toBe(LOCAL_SLOTS - 2);
    for (const refused of answers.slice(taken))
      expect(refused).toEqual({
        status: 429,
        body: { error: 'too_many_requests', reason: `${LOCAL_SLOTS} _local documents in use by ${A}` },
      });
  });

  it("the station's own sync goes on, restarted after the flood", async () => {
    await district.stopNode(A);
    await district.startNode(A);
    await acceptedAndSynced({ ...APPLICANT, phone: '13700137000' });
  }, 60_000);
});
