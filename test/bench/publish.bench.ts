import { startDistrict, type RunningDistrict } from '../../deploy/start-district.js';
import { seedOrganisations } from '../../deploy/seed/index.js';
import { chinaDate, type Matter } from '../../sync/index.js';
import { clerkClient, type Client } from '../support/client.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const CENTER = 'dongcheng';
const PASSWORD = 'publish-bench-1';
const ADMINS = [
  { account: 'cat.one', name: '目录管理员甲', password: PASSWORD, roles: ['admin' as const] },
  { account: 'cat.two', name: '目录管理员乙', password: PASSWORD, roles: ['admin' as const] },
];
/** Halls in the district, the center included (HALLNET_BENCH_HALLS). */
const HALLS = Number(process.env.HALLNET_BENCH_HALLS ?? 60);
/** Versions published one after another (HALLNET_BENCH_PUBLICATIONS). */
const PUBLICATIONS = Number(process.env.HALLNET_BENCH_PUBLICATIONS ?? 5);

/** Waits until every hall holds the matter's `version`; answers each hall's delay after `start`, in ms. */
async function arrivals(district: RunningDistrict, code: string, version: number, start: number): Promise<number[]> {
  const at = new Map<string, number>();
  const deadline = start + 120_000;
  while (at.size < district.nodes.size) {
    for (const [org, node] of district.nodes)
      if (!at.has(org) && (node.services.reference.catalogue.latest(code)?.version ?? 0) >= version)
        at.set(org, performance.now() - start);
    if (performance.now() > deadline)
      throw new Error(`${district.nodes.size - at.size} halls lack ${code}@${version} after 120 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return [...at.values()];
}

/**
 * 一口发布 (issue 15): a matter version published at the district center (draft, second admin's
 * approval, publication: the API as the editor calls it) until every one of 60 live halls holds it,
 * beside the baseline of the same version document written straight into the hub's store (no
 * center, no draft, no write rule at a node: replication alone).
 */
export async function runPublishBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-publish-');
  const orgs = seedOrganisations()
    .filter((o) => o.path !== CENTER && o.kind !== 'department')
    .sort((a, b) => a.level - b.level || a.path.localeCompare(b.path))
    .slice(0, HALLS - 1)
    .map((o) => o.path);
  const t0 = performance.now();
  const district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: CENTER, staff: ADMINS }, ...orgs.map((org) => ({ org }))],
  });
  try {
    console.error(
      `publish bench: ${district.nodes.size} halls started in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    while ([...district.nodes.values()].some((n) => n.services.reference.catalogue.size < 40))
      await new Promise((r) => setTimeout(r, 200));
    console.error(
      `publish bench: every hall holds the catalogue after ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const center = district.nodes.get(CENTER)!;
    const one: Client = await clerkClient(center.url, ADMINS[0]!.account, PASSWORD);
    const two: Client = await clerkClient(center.url, ADMINS[1]!.account, PASSWORD);
    const matter = center.services.reference.catalogue.search({ q: '残疾人证核发' })[0]!;
    const { _id, _rev, type, scope, parties, author, at, proof, version, effectiveFrom, retired, ...fields } =
      matter as Matter & Record<string, unknown>;
    void _id, void _rev, void at, void proof, void version, void effectiveFrom, void retired;
    const sourced = {
      ...fields,
      materials: matter.materials.map((m) =>
        m.necessity === 'required' && !m.form ? { ...m, source: '申请人自备' } : m,
      ),
    };

    const perHall: number[] = [];
    const allHold: number[] = [];
    for (let i = 0; i < PUBLICATIONS; i++) {
      const drafted = await one.post('/api/catalogue-drafts', {
        code: matter.code,
        matter: { ...sourced, promisedDays: Math.max(1, matter.promisedDays - (i % 2)) },
        effectiveFrom: chinaDate(new Date()),
      });
      if (drafted.status !== 201) throw new Error(`draft: ${JSON.stringify(drafted.body)}`);
      const v = drafted.body.version as number;
      if ((await two.post(`/api/catalogue-drafts/${matter.code}/${v}/approve`)).status !== 200)
        throw new Error('approve');
      const start = performance.now();
      const published = await one.post(`/api/catalogue-drafts/${matter.code}/${v}/publish`);
      if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
      const delays = await arrivals(district, matter.code, v, start);
      perHall.push(...delays);
      allHold.push(Math.max(...delays));
    }

    // Baseline: the next version written into the hub's store directly, signed by the center's node as halls require.
    const baseline: number[] = [];
    for (let i = 0; i < PUBLICATIONS; i++) {
      const v = center.services.reference.catalogue.latest(matter.code)!.version + 1;
      const start = performance.now();
      await district.hub!.store.bulkDocs(
        [
          center.services.guard.sign({
            ...fields,
            _id: `matter:${matter.code}@${v}`,
            type,
            scope,
            parties,
            author,
            version: v,
            effectiveFrom: chinaDate(new Date()),
            at: new Date().toISOString(),
          }) as never,
        ],
        { newEdits: true },
      );
      baseline.push(Math.max(...(await arrivals(district, matter.code, v, start))));
    }
    const halls = district.nodes.size;
    report(`publish.matter_to_${halls}_halls_p50_per_hall`, percentile(perHall, 50), 'ms');
    report(`publish.matter_to_${halls}_halls_p95_per_hall`, percentile(perHall, 95), 'ms');
    report(`publish.matter_until_all_${halls}_hold_p95`, percentile(allHold, 95), 'ms');
    report(`publish.store_write_until_all_${halls}_hold_p95`, percentile(baseline, 95), 'ms');
    report('publish.through_center_vs_store_write', percentile(allHold, 95) / percentile(baseline, 95), 'ratio');
  } finally {
    await district.close();
    dir.remove();
  }
}
