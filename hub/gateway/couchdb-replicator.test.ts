import { randomBytes } from 'node:crypto';
import type PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallnetError } from '../../sync/index.js';
import { caseDoc, materialDoc } from '../testing/hub-fixtures.js';
import { testNode } from '../testing/test-signers.js';
import { DHM, HCG, JINGSHAN, liveIds, PUBLIC_IDS, ROOT, seededHub, type SeededHub } from '../testing/seeded-hub.js';
import type { Authenticate } from './gateway-types.js';
import { parseMultipart } from './multipart.js';

const authenticate: Authenticate = async (c) => {
  const m = /^Test (\S+)(?: (\S+))?$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[1]) throw new HallnetError('ERR_UNAUTHENTICATED');
  return testNode(m[1], m[2] ?? `couchdb@${m[1]}`);
};

type Json = Record<string, unknown>;

/*
 * No replication client besides PouchDB installs from the npm registry (the CouchDB-protocol
 * replicators there — pouchdb-replication, pouchdb-replicator, replication streams — are PouchDB's
 * own code), and Apache CouchDB cannot be installed here. So these tests replay, over real HTTP,
 * the requests Apache CouchDB 3's replicator makes, as its source has them
 * (couch_replicator_api_wrap, _changes_reader, _worker, _scheduler_job): the database info with
 * `instance_start_time`, the checkpoint read, `_changes` with a JSON-encoded `since` (normal
 * without `limit`, or continuous with `timeout`), `_bulk_get` for documents without attachments
 * and `open_revs` with `Accept: multipart/mixed` for those with, `_revs_diff`, `_bulk_docs`,
 * single `PUT ?new_edits=false` as `multipart/related`, `_ensure_full_commit` on both sides
 * before each checkpoint, and the checkpoint PUT.
 */
describe.each(['pouch', 'couch'] as const)("what Apache CouchDB 3's replicator asks (%s store)", (kind) => {
  let t: SeededHub;
  const as = (org: string) => ({ authorization: `Test ${org}`, 'content-type': 'application/json' });
  const get = async (path: string, org: string, headers: Json = {}) =>
    fetch(`${t.hub.url}${path}`, { headers: { ...as(org), ...(headers as Record<string, string>) } });
  const send = async (method: string, path: string, org: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${t.hub.url}${path}`, {
      method,
      headers: { ...as(org), ...headers },
      body: typeof body === 'string' || body instanceof Blob ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await seededHub(kind, authenticate);
  });
  afterAll(() => t?.close());

  it("pulls a street's subtree one-shot, attachments included, and checkpoints on both sides", async () => {
    const info = (await (await get('/db/', JINGSHAN)).json()) as Json;
    expect(info).toMatchObject({ update_seq: expect.any(String), instance_start_time: '0' });
    const checkpoint = `/db/_local/${randomBytes(16).toString('hex')}`;
    expect((await get(checkpoint, JINGSHAN)).status).toBe(404);

    // One-shot: `feed=normal`, no `limit`; the replicator reads to the end of the answer.
    const changes = (await (
      await get('/db/_changes?feed=normal&style=all_docs&since=0&timeout=10000', JINGSHAN)
    ).json()) as { results: { id: string; changes: { rev: string }[] }[]; last_seq: string };
    const expected = [...PUBLIC_IDS, t.seed.hcgCase._id, t.seed.jsCase._id, t.seed.hcgMaterial._id].sort();
    expect(changes.results.map((r) => r.id).sort()).toEqual(expected);

    const target = t.replica('couchdb-target');
    const material = t.seed.hcgMaterial._id;
    const plain = changes.results.filter((r) => r.id !== material);
    const bulk = (await (
      await send('POST', '/db/_bulk_get?latest=true&revs=true&attachments=false', JINGSHAN, {
        docs: plain.map((r) => ({ id: r.id, rev: r.changes[0]?.rev })),
      })
    ).json()) as { results: { docs: { ok: Json }[] }[] };
    const docs = bulk.results.flatMap((r) => r.docs.map((d) => d.ok));
    expect(docs).toHaveLength(plain.length);
    // A document with attachments is fetched alone, as multipart/mixed.
    const rev = changes.results.find((r) => r.id === material)?.changes[0]?.rev as string;
    const one = await get(
      `/db/${encodeURIComponent(material)}?revs=true&open_revs=${encodeURIComponent(JSON.stringify([rev]))}&latest=true`,
      JINGSHAN,
      { accept: 'multipart/mixed' },
    );
    const boundary = /boundary="([^"]+)"/.exec(one.headers.get('content-type') ?? '')?.[1] as string;
    const parts = parseMultipart(new Uint8Array(await one.arrayBuffer()), boundary);
    expect(parts.map((p) => p.headers['content-type'])).toEqual(['application/json']);
    const withAttachment = JSON.parse(Buffer.from(parts[0]!.body).toString()) as {
      _attachments: Record<string, { data: string }>;
    };
    expect(Buffer.from(withAttachment._attachments.file!.data, 'base64').toString()).toBe('材料扫描件');
    // An id the street cannot see is an empty answer, as for a missing one (a 404 would crash the job).
    const foreign = await get(
      `/db/${encodeURIComponent(t.seed.dhmCase._id)}?revs=true&open_revs=${encodeURIComponent('["1-abc"]')}&latest=true`,
      JINGSHAN,
      { accept: 'multipart/mixed' },
    );
    expect(
      parseMultipart(
        new Uint8Array(await foreign.arrayBuffer()),
        /boundary="([^"]+)"/.exec(foreign.headers.get('content-type') ?? '')?.[1] as string,
      ),
    ).toEqual([]);

    await target.bulkDocs([...docs, withAttachment] as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    expect(await liveIds(target)).toEqual(expected);
    expect(((await target.getAttachment(material, 'file')) as Buffer).toString()).toBe('材料扫描件');

    // Before a checkpoint: both sides commit and must still be the instance the job started with.
    const commit = await send('POST', '/db/_ensure_full_commit', JINGSHAN, '');
    expect(commit.status).toBe(201);
    expect(await commit.json()).toEqual({ ok: true, instance_start_time: info.instance_start_time });
    const history = {
      session_id: 's1',
      source_last_seq: changes.last_seq,
      replication_id_version: 4,
      history: [{ session_id: 's1', recorded_seq: changes.last_seq }],
    };
    const put = await send('PUT', checkpoint, JINGSHAN, history);
    expect(put.status).toBe(201);
    expect((await put.json()) as Json).toMatchObject({ ok: true, rev: expect.stringMatching(/^0-\d+$/) });
    expect(await (await get(checkpoint, JINGSHAN)).json()).toMatchObject(history);

    // The job's progress: `since` JSON-encoded, `limit=0`, read for `pending` only.
    const pending = (await (
      await get(`/db/_changes?since=${encodeURIComponent(JSON.stringify(changes.last_seq))}&limit=0`, JINGSHAN)
    ).json()) as Json;
    expect(pending).toMatchObject({ results: [], pending: 0 });
  });

  it("follows a continuous feed: the street's new changes as lines, then last_seq after the timeout", async () => {
    const head = ((await (await get('/db/', JINGSHAN)).json()) as { update_seq: string }).update_seq;
    const since = encodeURIComponent(JSON.stringify(head));
    const reading = get(`/db/_changes?feed=continuous&style=all_docs&since=${since}&timeout=800`, JINGSHAN).then((r) =>
      r.text(),
    );
    const mine = caseDoc({ scope: HCG });
    const elsewhere = caseDoc({ scope: DHM });
    await new Promise((r) => setTimeout(r, 100));
    for (const [org, doc] of [
      [HCG, mine],
      [DHM, elsewhere],
    ] as const) {
      const res = (await (
        await send('POST', '/db/_bulk_docs', org, { docs: [{ ...doc, _rev: '1-abcdef' }], new_edits: false })
      ).json()) as unknown[];
      expect(res).toEqual([]);
    }
    const lines = (await reading)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Json);
    expect(lines.filter((l) => 'id' in l).map((l) => l.id)).toEqual([mine._id]);
    expect(lines.at(-1)).toEqual({ last_seq: expect.any(String), pending: 0 });
  });

  it("takes a community's pushes under the write rule, large attachments as multipart/related", async () => {
    const checkpoint = `/db/_local/${randomBytes(16).toString('hex')}`;
    expect((await get(checkpoint, HCG)).status).toBe(404);
    const ok = { ...caseDoc({ scope: HCG }), _rev: '1-aaaa' };
    const foreign = { ...caseDoc({ scope: HCG }), parties: [DHM], _rev: '1-bbbb' };
    const diff = (await (
      await send('POST', '/db/_revs_diff', HCG, { [ok._id]: [ok._rev], [foreign._id]: [foreign._rev] })
    ).json()) as Json;
    expect(Object.keys(diff).sort()).toEqual([ok._id, foreign._id].sort());
    const written = await send(
      'POST',
      '/db/_bulk_docs',
      HCG,
      { new_edits: false, docs: [ok, foreign] },
      { 'x-couch-full-commit': 'false' },
    );
    expect(written.status).toBe(201);
    expect(await written.json()).toEqual([expect.objectContaining({ id: foreign._id, error: 'forbidden' })]);
    expect(await t.store.get(ok._id)).toBeDefined();

    // Over 64 KB: CouchDB's replicator PUTs the document alone, attachment bytes following the JSON.
    const scan = randomBytes(100_000);
    const put = (doc: Json) => {
      const { _attachments: _a, ...body } = doc;
      const boundary = randomBytes(8).toString('hex');
      const json = JSON.stringify({
        ...body,
        _rev: '1-cccc',
        _attachments: { file: { content_type: 'application/pdf', revpos: 1, length: scan.length, follows: true } },
      });
      const multipart = new Blob([
        `--${boundary}\r\nContent-Type: application/json\r\n\r\n${json}\r\n--${boundary}\r\nContent-Disposition: attachment; filename="file"\r\nContent-Type: application/pdf\r\nContent-Length: ${scan.length}\r\n\r\n`,
        new Uint8Array(scan),
        `\r\n--${boundary}--`,
      ]);
      return send('PUT', `/db/${encodeURIComponent(doc._id as string)}?new_edits=false`, HCG, multipart, {
        'content-type': `multipart/related; boundary="${boundary}"`,
      });
    };
    const scanDoc = materialDoc(ok, new Uint8Array(scan));
    const stored = await put(scanDoc);
    expect(stored.status).toBe(201);
    expect(await stored.json()).toEqual({ ok: true, id: scanDoc._id, rev: '1-cccc' });
    expect(Buffer.from((await t.store.getAttachment(scanDoc._id as string, 'file'))?.data ?? [])).toEqual(scan);
    const refused = await put(materialDoc(caseDoc({ scope: DHM }), new Uint8Array(scan)));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden' });

    expect((await send('POST', '/db/_ensure_full_commit', HCG, '')).status).toBe(201);
    const first = (await (await send('PUT', checkpoint, HCG, { session_id: 'a', source_last_seq: 5 })).json()) as {
      rev: string;
    };
    // A retried checkpoint carrying a stale _rev still lands (CouchDB 3: _local is last-writer-wins).
    expect((await send('PUT', checkpoint, HCG, { _rev: first.rev, session_id: 'b', source_last_seq: 6 })).status).toBe(
      201,
    );
    expect((await send('PUT', checkpoint, HCG, { _rev: first.rev, session_id: 'c', source_last_seq: 7 })).status).toBe(
      201,
    );
    expect(await (await get(checkpoint, HCG)).json()).toMatchObject({ session_id: 'c' });
    // And the root's view of it: only what the write rule let in.
    expect((await get(`/db/${encodeURIComponent(foreign._id)}`, ROOT)).status).toBe(404);
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await fetch(`${t.hub.url}/db/`, { method: 'HEAD', headers: as(JINGSHAN) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
