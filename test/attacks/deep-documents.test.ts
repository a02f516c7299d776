import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDistrict } from '../../deploy/start-district.js';
import { APPLICANT } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { attackerOf, type Attacker } from './support/attacker.js';
import { acceptedAtHub, STATION, startStationDistrict } from './support/station-district.js';

// A station's genuine key pushes a document (or a checkpoint) nested thousands of levels deep:
// JSON.parse takes it, but measuring or storing it overflowed the stack, and the hub answered the
// whole request 500. The hub refuses such a revision as it refuses any other (per document,
// `forbidden`, naming the reason), and such a checkpoint 400, and goes on serving. A checkpoint
// is small too: one of a megabyte is 413, or a node could fill the store under ids of its choosing.
const A = STATION;
const DEPTH = 20_000;

const dir = tempDir('hallnet-deep-documents-');
let district: RunningDistrict;
let attacker: Attacker;
let caseId: string;

beforeAll(async () => {
  district = await startStationDistrict(dir.path);
  caseId = await acceptedAtHub(district, A, APPLICANT);
  attacker = attackerOf(A, district.nodeDir(A), district.hubUrl, dir.path);
}, 180_000);

afterAll(async () => {
  await district?.close();
  dir.remove();
});

/** `depth` objects nested in one another, as JSON text. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** The station's case as its next revision, with a field `deep` nested `depth` levels, as the JSON text of a `_bulk_docs` body. */
async function deepRevision(depth: number): Promise<{ body: string; rev: string }> {
  const held = await attacker.read(caseId);
  const { _rev, _revisions, ...content } = held as typeof held & { _revisions: { start: number; ids: string[] } };
  void _rev;
  const h = randomBytes(16).toString('hex');
  const rev = `${_revisions.start + 1}-${h}`;
  const doc = JSON.stringify({
    ...content,
    _rev: rev,
    _revisions: { start: _revisions.start + 1, ids: [h, ..._revisions.ids] },
    deep: 'DEEP',
  });
  return { body: `{"new_edits":false,"docs":[${doc.replace('"DEEP"', nested(depth))}]}`, rev };
}

async function send(method: string, path: string, body: string) {
  const res = await fetch(`${district.hubUrl}${path}`, {
    method,
    headers: { authorization: await attacker.authorization(), 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('documents nested deeper than any of ours', () => {
  it('a case revision nested 20,000 levels deep is refused on its own, naming the depth; the case stays as it was', async () => {
    const { body, rev } = await deepRevision(DEPTH);
    const res = await send('POST', '/db/_bulk_docs', body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual([{ id: caseId, rev, error: 'forbidden', reason: expect.stringContaining('64 levels') }]);
    expect((await district.hub!.store.get(caseId))!._rev).not.toBe(rev);
    expect((await attacker.read(caseId)).deep).toBeUndefined();
  });

  it('the held revision sent again with a field nested 20,000 levels deep is a no-op, not a 500; the case stays as it was', async () => {
    const held = await attacker.read(caseId);
    const doc = JSON.stringify({ ...held, deep: 'DEEP' });
    const res = await send(
      'POST',
      '/db/_bulk_docs',
      `{"new_edits":false,"docs":[${doc.replace('"DEEP"', nested(DEPTH))}]}`,
    );
    expect(res).toEqual({ status: 201, body: [] });
    const stored = await district.hub!.store.get(caseId);
    expect(stored).toMatchObject({ _rev: held._rev, events: held.events });
    expect(stored).not.toHaveProperty('deep');
  });

  it('a checkpoint nested 20,000 levels deep is a 400 naming the body; a genuine one is kept', async () => {
    expect(await send('PUT', '/db/_local/deep', nested(DEPTH))).toMatchObject({
      status: 400,
      body: { error: 'bad_request', reason: expect.stringContaining('64 levels') },
    });
    expect((await send('PUT', '/db/_local/deep', '{"last_seq":"7","history":[{"last_seq":"7"}]}')).status).toBe(201);
  });

  it('a checkpoint of a megabyte is a 413 naming the body: a node fills no store under ids of its choosing', async () => {
    expect(
      await send('PUT', '/db/_local/big', JSON.stringify({ last_seq: '7', junk: 'x'.repeat(1024 * 1024) })),
    ).toMatchObject({
      status: 413,
      body: { error: 'too_large', reason: expect.stringContaining('_local') },
    });
    expect((await send('GET', '/db/_local/big', '')).status).toBe(404);
  });
});
