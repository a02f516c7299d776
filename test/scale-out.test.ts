import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultGrants } from '../deploy/default-grants.js';
import { enrollNode, initDistrictCa, nodeAsIssuer } from '../deploy/enroll.js';
import { DUTY_LEASE_ID, type DutyLeaseDoc } from '../hub/duty-lease.js';
import { createCouchStore, formatAuditReport, publishSeed, verifyAudit, type Store } from '../hub/index.js';
import { startExpressPouch } from '../hub/testing/express-pouch-server.js';
import { readNodeChain, startNode, type RunningNode } from '../node/index.js';
import { caseDocId, CleanupStack, JWKS_DOC_ID, levelOfPath } from '../sync/index.js';
import { startBalancedHubs, type BalancedHubs } from './support/balanced-hubs.js';
import { clerkClient, client, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { APPLICANT } from './support/fixtures.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const STREET = 'dongcheng/jingshan';
const COMMUNITY = 'dongcheng/jingshan/huangchenggen';
/** Cases accepted at the community in all; one hub is killed once a third of them were acknowledged. */
const CASES = 60;

const dir = tempDir();
const stack = new CleanupStack();
let hubs: BalancedHubs;
let store: Store;
const nodes = new Map<string, RunningNode>();
let atCommunity: Client;

beforeAll(async () => {
  const couch = stack.add('store server', await startExpressPouch(join(dir.path, 'couch')), (c) => c.close());
  // The district CA, the two halls enrolled (the community by its street), and their grants in
  // the store before any hub starts, so every instance's write rule knows them from its first request.
  const caDir = join(dir.path, 'ca');
  const ca = initDistrictCa(caDir, 'dongcheng', '东城区 CA');
  const nodeDir = (org: string) => join(dir.path, org.replaceAll('/', '_'));
  enrollNode(nodeDir(STREET), STREET, '景山街道', ca);
  const streetIssuer = nodeAsIssuer(nodeDir(STREET), readNodeChain(nodeDir(STREET))!);
  enrollNode(nodeDir(COMMUNITY), COMMUNITY, '皇城根社区', streetIssuer);
  store = stack.add('test store client', await createCouchStore({ url: couch.url }), (s) => s.close());
  await publishSeed(store, await defaultGrants([STREET, COMMUNITY], ca, () => streetIssuer, new Date()));

  hubs = stack.add(
    'hubs',
    await startBalancedHubs({ dir: dir.path, caDir, couchUrl: couch.url, names: ['a', 'b'] }),
    (h) => h.close(),
  );
  stack.add('nodes', nodes, async (running) => {
    for (const n of [...running.values()].reverse()) await n.close();
  });
  for (const org of [STREET, COMMUNITY]) {
    const node = await startNode(
      {
        dataDir: nodeDir(org),
        host: '127.0.0.1',
        port: 0,
        org,
        level: levelOfPath(org)!,
        yellowHours: 24,
        seed: false,
        hubUrl: hubs.url,
        logLevel: 'silent',
      },
      {
        logger: pino({ level: 'silent' }),
        staff: [{ account: 'clerk', name: '王窗口', roles: ['clerk'], password: PASSWORD, org }],
      },
    );
    nodes.set(org, node);
  }
  const community = nodes.get(COMMUNITY)!;
  await eventually(
    () => community.services.reference.catalogue.size > 40,
    30_000,
    'the catalogue at the community, through the balancer',
  );
  atCommunity = await clerkClient(community.url, 'clerk', PASSWORD);
}, 120_000);

afterAll(async () => {
  await stack.close();
  dir.remove();
}, 60_000);

describe('two hub processes over one store behind HAProxy', () => {
  it('answers a since token minted by one instance at the other without skipping a row', async () => {
    const [a, b] = hubs.hubs;
    const token = await nodes.get(COMMUNITY)!.services.hubToken!();
    const changes = async (hub: string, since: string) =>
      (await client(hub, token).get(`/db/_changes?style=all_docs&limit=10000&since=${encodeURIComponent(since)}`)).body;
    // A token from the middle of what the community sees at instance a…
    const all = await changes(a!.url, '0');
    const mid = all.results[Math.floor(all.results.length / 2)];
    const afterAtA = await changes(a!.url, mid.seq);
    // …means at instance b at least every row it means at a: b may repeat rows from before it, never skip one.
    const afterAtB = await changes(b!.url, mid.seq);
    const rows = (page: { results: { id: string; changes: { rev: string }[] }[] }) =>
      new Set(page.results.map((r) => `${r.id} ${r.changes.map((c) => c.rev).join(',')}`));
    const atB = rows(afterAtB);
    for (const r of rows(afterAtA)) expect(atB.has(r)).toBe(true);
    expect(afterAtA.results.length).toBeGreaterThan(0);
    // Whatever b repeats is from before the token: rows the node already has.
    const beforeToken = rows({ results: all.results.slice(0, Math.floor(all.results.length / 2) + 1) });
    const aSet = rows(afterAtA);
    for (const r of atB) expect(aSet.has(r) || beforeToken.has(r)).toBe(true);
  });

  it('keeps live sync going when the instance holding the duties is killed (kill -9) mid-sync: nothing lost, nothing doubled', async () => {
    const street = nodes.get(STREET)!;
    const community = nodes.get(COMMUNITY)!;
    const matter = community.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    // The instance to kill is the one holding the single-writer duties (whichever won the lease).
    const doomed = ((await store.get(DUTY_LEASE_ID)) as DutyLeaseDoc).holder;
    const survivor = doomed === 'a' ? 'b' : 'a';
    const jwksBefore = await store.get(JWKS_DOC_ID);
    expect(jwksBefore).toBeDefined();

    /** Waits for `ids` in the street's case index; if they do not come, says where they stand (its replica, the store, both links). */
    const arrived = (ids: string[], what: string) =>
      eventually(() => ids.every((id) => street.services.index.get(id)), 120_000, what).catch(async (err: Error) => {
        const inStore = (
          await store.bulkGet(
            ids.map((id) => ({ id: id.startsWith('case:') ? id : caseDocId(id) })),
            {},
          )
        ).filter((r) => r.docs.length).length;
        const docIds = ids.map((id) => (id.startsWith('case:') ? id : caseDocId(id)));
        const inStreetReplica = (await street.services.db.allDocs({ keys: docIds })).rows.filter(
          (r) => 'value' in r && r.value && !r.value.deleted,
        ).length;
        const where = {
          cases: ids.length,
          atStreet: ids.filter((id) => street.services.index.get(id)).length,
          inStreetReplica,
          inStore,
          community: community.services.sync?.status(),
          street: street.services.sync?.status(),
        };
        throw new Error(`${err.message}: ${JSON.stringify(where)}`);
      });
    const acknowledged: string[] = [];
    const accept = async () => {
      while (acknowledged.length < CASES) {
        const res = await atCommunity.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        acknowledged.push(res.body.id);
      }
    };
    const workers = Promise.all([accept(), accept()]);
    // Killed mid-sync: some cases already through to the street, more acknowledged and on their way.
    await eventually(
      () => acknowledged.length >= CASES / 3 && acknowledged.some((id) => street.services.index.get(id)),
      60_000,
      'a third of the cases acknowledged, the first at the street',
    );
    const atStreetWhenKilled = acknowledged.filter((id) => street.services.index.get(id)).length;
    const acknowledgedWhenKilled = acknowledged.length;
    const killedAt = Date.now();
    await hubs.kill(doomed);
    await workers;

    // Every case reaches the street through the surviving instance.
    await arrived(acknowledged, `all ${CASES} cases at the street`);
    const caughtUpMs = Date.now() - killedAt;
    const ids = new Set(acknowledged);
    const total = acknowledged.length; // the two clerks may each have had one more in flight at the end
    expect(ids.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(CASES);
    // Exactly once, unconflicted, each with the one event it was accepted with, at the street and in the store.
    const docIds = [...ids].map((id) => (id.startsWith('case:') ? id : caseDocId(id)));
    for (const id of docIds) {
      const atStreet = await street.services.db.get<{ events: { id: string }[] }>(id, { conflicts: true });
      const atSource = await community.services.db.get<{ events: { id: string }[] }>(id);
      expect(atStreet._conflicts ?? []).toEqual([]);
      expect(atStreet.events.map((e) => e.id)).toEqual(atSource.events.map((e) => e.id));
      expect(new Set(atStreet.events.map((e) => e.id)).size).toBe(atStreet.events.length);
      expect(atStreet._rev).toBe(atSource._rev);
    }
    const inStore = (
      await store.bulkGet(
        docIds.map((id) => ({ id })),
        { conflicts: true },
      )
    ).flatMap((r) => r.docs);
    expect(inStore).toHaveLength(total);
    expect(inStore.filter((d) => d._conflicts?.length)).toEqual([]);
    const streetCases = (await street.services.db.allDocs({ include_docs: true })).rows.filter(
      (r) => (r.doc as { type?: string } | undefined)?.type === 'case',
    );
    expect(streetCases).toHaveLength(total);

    // The surviving instance took the single-writer duties over once the killed one's lease ran out.
    await eventually(
      async () => ((await store.get(DUTY_LEASE_ID)) as DutyLeaseDoc).holder === survivor,
      30_000,
      'the surviving instance holding the duty lease',
    );
    expect((await store.get(JWKS_DOC_ID))?._rev).toBe(jwksBefore!._rev); // the same keys: nothing republished
    // Each instance kept its own audit log; read in place, as the nodes still write (their SMS
    // notices), they check out against the store together.
    const auditDirs = () => {
      const dirs = hubs.hubs.map((h) => join(h.dataDir, 'audit'));
      expect(dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.jsonl'))).sort()).toEqual([
        'a.jsonl',
        'b.jsonl',
      ]);
      return dirs;
    };
    const audit = await verifyAudit({ dir: auditDirs(), store });
    expect(audit.findings, formatAuditReport(audit)).toEqual([]);
    expect(audit.store.checked).toBeGreaterThanOrEqual(total);
    // The killed instance starts again on its port with its folder: the balancer takes it back,
    // its audit log goes on from its torn end, and cases keep arriving, still once each.
    await hubs.restart(doomed);
    await eventually(
      async () =>
        (await (await fetch(`${hubs.hubs.find((h) => h.name === doomed)!.url}/healthz`)).json()).indexed === true,
      60_000,
      `hub ${doomed} indexed again`,
    );
    const more: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await atCommunity.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      more.push(res.body.id);
    }
    await arrived(more, 'the cases accepted after the restart at the street');
    const afterRestart = await verifyAudit({ dir: auditDirs(), store });
    expect(afterRestart.findings, formatAuditReport(afterRestart)).toEqual([]);
    const allCases = (await street.services.db.allDocs({ include_docs: true })).rows.filter(
      (r) => (r.doc as { type?: string } | undefined)?.type === 'case',
    );
    expect(allCases).toHaveLength(total + more.length);

    console.log(
      `scale-out: ${total} cases acknowledged at the community (${acknowledgedWhenKilled} when hub ${doomed} was killed, ${atStreetWhenKilled} of them at the street then); ` +
        `${caughtUpMs} ms after the kill: ${streetCases.length} at the street, ${inStore.length} in the store, 0 conflicts, 0 duplicate events; ` +
        `audit logs a.jsonl + b.jsonl: ${audit.store.checked} leaf revisions checked, clean; hub ${doomed} restarted, ${more.length} more cases at the street, ${allCases.length} in all, audit clean`,
    );
  }, 360_000);
});
