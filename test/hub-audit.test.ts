import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDistrict, type RunningDistrict } from '../deploy/start-district.js';
import type { AuditEntry } from '../hub/audit/audit-entry.js';
import { entryHash } from '../hub/audit/entry-hash.js';
import { createPouchStore } from '../hub/store/pouch-store.js';
import type { StoredDoc } from '../hub/store/store.js';
import { verifyNodeChain } from '../identity/index.js';
import { readNodeChain } from '../node/auth/node-chain.js';
import { canonicalJson } from '../sync/index.js';
import { hallnetExit } from './support/cli-process.js';
import { clerkClient, type Client } from './support/client.js';
import { eventually } from './support/eventually.js';
import { APPLICANT } from './support/fixtures.js';
import { PASSWORD } from './support/start-test-node.js';
import { tempDir } from './support/temp-dir.js';

const CENTER = 'dongcheng';
const STREET = 'dongcheng/jingshan';
const STATION = 'dongcheng/jingshan/huangchenggen';
const clerk = [
  {
    account: 'clerk',
    name: '王窗口',
    roles: ['clerk' as const, 'director' as const, 'supervisor' as const],
    password: PASSWORD,
  },
];

describe("the hub's audit log", () => {
  const dir = tempDir('hallnet-hub-audit-');
  const hubDir = join(dir.path, 'hub');
  const auditDir = join(hubDir, 'audit');
  let district: RunningDistrict;
  let station: Client;
  let caseId: string;
  const logFile = () => join(auditDir, readdirSync(auditDir).find((f) => f.endsWith('.jsonl'))!);
  const entries = () =>
    readFileSync(logFile(), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);
  const writesOf = (id: string) =>
    entries().filter((e): e is Extract<AuditEntry, { kind: 'write' }> => e.kind === 'write' && e.id === id);
  const verify = (...args: string[]) => hallnetExit(['audit', 'verify', ...args], { HUB_DATA: hubDir });

  beforeAll(async () => {
    district = await startDistrict({
      dir: dir.path,
      nodes: [CENTER, STREET, STATION].map((org) => ({ org, staff: clerk })),
    });
    const node = district.nodes.get(STATION)!;
    await eventually(() => node.services.reference.catalogue.size > 40, 20_000, 'catalogue at the station');
    station = await clerkClient(node.url, 'clerk', PASSWORD);
  }, 90_000);

  afterAll(async () => {
    await district?.close();
    dir.remove();
  });

  it("records what a node's PouchDB pushed: the accepted case and the refused matter, with the node, its serial and the reason", async () => {
    const node = district.nodes.get(STATION)!;
    const matter = node.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const res = await station.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
    expect(res.status).toBe(201);
    caseId = `case:${res.body.id}`;
    // A public document only the district may write, put straight into the station's replica: its live sync pushes it.
    await node.services.db.put({ ...matter, _id: 'matter:forged-by-station', _rev: undefined, name: '伪造事项' });

    const accepted = await eventually(
      () => writesOf(caseId).find((e) => e.decision === 'accepted'),
      15_000,
      'accepted case in the log',
    );
    const refused = await eventually(
      () => writesOf('matter:forged-by-station')[0],
      15_000,
      'refused matter in the log',
    );
    const { serial, fingerprint } = verifyNodeChain({
      chainPem: readNodeChain(district.nodeDir(STATION))!,
      rootPem: district.ca.chainPem[0]!,
    });
    expect(accepted).toMatchObject({
      node: { org: STATION, fingerprint },
      serial,
      rev: expect.stringMatching(/^1-/),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The reason logged is the one the node was told.
    const told = await eventually(
      () => node.services.sync!.status().refused.find((r) => r.id === 'matter:forged-by-station'),
      15_000,
      'refusal at the node',
    );
    expect(refused).toMatchObject({
      node: { org: STATION, fingerprint },
      serial,
      decision: 'refused',
      reason: told.reason,
    });
    // The store holds the case under the logged revision, and not the matter.
    expect((await district.hub!.store.get(caseId))?._rev).toBe(accepted.rev);
    expect(await district.hub!.store.get('matter:forged-by-station')).toBeUndefined();
  });

  it("reports the station's refused writes to the district center's supervision, and to no other hall", async () => {
    const center = await clerkClient(district.nodes.get(CENTER)!.url, 'clerk', PASSWORD);
    const told = district.nodes
      .get(STATION)!
      .services.sync!.status()
      .refused.find((r) => r.id === 'matter:forged-by-station')!;
    const report = await eventually(
      async () => {
        const res = await center.get('/api/supervision/refusals');
        return res.status === 200 && res.body.nodes.some((n: { org: string }) => n.org === STATION)
          ? res.body
          : undefined;
      },
      20_000,
      'the refusal report at the center',
    );
    const station = report.nodes.find((n: { org: string }) => n.org === STATION);
    expect(station).toMatchObject({
      name: expect.not.stringContaining('/'),
      lastDay: station.total,
      recent: expect.arrayContaining([
        expect.objectContaining({ id: 'matter:forged-by-station', reason: told.reason }),
      ]),
    });
    expect(station.total).toBeGreaterThanOrEqual(1);
    expect(report).toMatchObject({ reports: 1, asOf: expect.any(String) });
    // The report reached the center the way every document does; the station and its street never hold it.
    for (const org of [STATION, STREET]) {
      const held = await district.nodes.get(org)!.services.db.allDocs({ startkey: 'report:', endkey: 'report:\uffff' });
      expect(held.rows).toEqual([]);
      const res = await (await clerkClient(district.nodes.get(org)!.url, 'clerk', PASSWORD)).get(
        '/api/supervision/refusals',
      );
      expect(res.status === 403 || res.body.nodes.length === 0, `${org} answered ${res.status}`).toBe(true);
    }
  });

  describe('hallnet audit verify, with the hub stopped', () => {
    beforeAll(async () => {
      // Let the station's case reach the street and district too, so their pushes are in the log as well.
      await eventually(
        () => district.nodes.get(CENTER)!.services.index.get(caseId.slice('case:'.length)),
        15_000,
        'case at the center',
      );
      // Nodes first (nothing in flight), then the hub: that seals the log and frees the embedded store for the command.
      for (const org of [STATION, STREET, CENTER]) await district.stopNode(org);
      await district.stopHub();
    }, 30_000);

    it('passes a clean run: chain, seals and store all agree', async () => {
      const { code, out } = await verify();
      expect(out).toMatch(/audit verify: clean/);
      expect(out).toMatch(/\d+ seals?, last seal at line \d+/);
      expect(code).toBe(0);
    });

    it("reads each instance's folder named in --dir, comma-separated, and refuses a folder that is not there", async () => {
      const second = join(dir.path, 'second-instance');
      cpSync(auditDir, second, { recursive: true });
      const { code, out } = await verify('--dir', `${auditDir},${second}`);
      expect(out.match(/\.jsonl: \d+ entries/g)).toHaveLength(2);
      expect(code).toBe(0);
      const missing = await verify('--dir', `${auditDir},${join(dir.path, 'nowhere')}`);
      expect(missing.err).toMatch(/ERR_CONFIG: no audit folder at .*nowhere/);
      expect(missing.code).toBe(2);
    });

    /** Runs the command on a copy of the logs edited by `edit` (with the hub's genuine public key trusted). */
    async function verifyEdited(name: string, edit: (lines: AuditEntry[]) => AuditEntry[]) {
      const copy = join(dir.path, name);
      cpSync(auditDir, copy, { recursive: true });
      const file = join(copy, readdirSync(copy).find((f) => f.endsWith('.jsonl'))!);
      writeFileSync(
        file,
        `${edit(entries())
          .map((e) => canonicalJson(e))
          .join('\n')}\n`,
      );
      return verify('--dir', copy);
    }
    const lineOf = (pick: (e: AuditEntry) => boolean) => entries().findIndex(pick) + 1;

    it('fails naming the line of an entry that was changed', async () => {
      const line = lineOf((e) => e.kind === 'write' && e.id === 'matter:forged-by-station');
      const { code, out } = await verifyEdited('changed', (ls) =>
        ls.map((e, i) => (i === line - 1 ? ({ ...e, decision: 'accepted' } as AuditEntry) : e)),
      );
      expect(out).toContain(`FAIL ${logFile().split('/').pop()}:${line}: the entry does not match its hash`);
      expect(code).toBe(1);
    });

    it('fails naming the line where an entry was removed', async () => {
      const line = lineOf((e) => e.kind === 'write' && e.id === caseId);
      const { code, out } = await verifyEdited('removed', (ls) => ls.filter((_, i) => i !== line - 1));
      expect(out).toContain(`${logFile().split('/').pop()}:${line}: entry number ${line} where ${line - 1} was due`);
      expect(code).toBe(1);
    });

    it('fails on a seal made again after the chain was rewritten', async () => {
      const line = lineOf((e) => e.kind === 'write' && e.id === 'matter:forged-by-station');
      const { code, out } = await verifyEdited('forged', (ls) => {
        let prev = ls[line - 2]!.hash;
        return ls.map((e, i) => {
          if (i < line - 1) return e;
          const linked = {
            ...(i === line - 1 ? { ...e, decision: 'accepted', reason: undefined } : e),
            prev,
          } as AuditEntry;
          prev = entryHash(linked);
          return { ...linked, hash: prev };
        });
      });
      const seal = entries().findIndex((e, i) => i >= line && e.kind === 'seal') + 1;
      expect(out).toContain(`:${seal}: the seal's signature does not verify`);
      expect(code).toBe(1);
    });

    it('fails when a document was changed in the store around the gateway, naming it', async () => {
      const store = await createPouchStore({ dir: join(hubDir, 'store') });
      try {
        const held = (await store.get(caseId))!;
        await store.bulkDocs([{ ...held, applicant: { ...APPLICANT, name: '李四' } } as StoredDoc], { newEdits: true });
      } finally {
        await store.close();
      }
      const { code, out } = await verify();
      expect(out).toMatch(
        new RegExp(
          `FAIL document ${caseId} revision \\d+-\\w+: no audit log accepted this revision: written around the gateway`,
        ),
      );
      expect(code).toBe(1);
    });

    it('refuses arguments it does not understand, by name', async () => {
      const { code, err } = await verify('stray');
      expect(err).toMatch(/ERR_VALIDATION: words: hallnet audit verify takes options only/);
      expect(code).toBe(2);
    });
  });
});
