import { seedCalendars, seedCategories } from '../../deploy/seed/index.js';
import { startCity } from '../../deploy/start-city.js';
import { clerkClient } from '../support/client.js';
import { APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const CASES = 10;
const MATTER = 'BJ-WJ-007';

/**
 * The cross-district figure (issue 18): from a 西城 community's forward of a 全市通办 case to the
 * 东城 department's node holding it, over live sync through 西城's hub, the city hub and 东城's hub;
 * beside it, in the same run, the same forward to the community's own street (one hub).
 */
export async function runCityBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-city-');
  const HALL = 'xicheng/jinrongjie/fengsheng';
  const STREET = 'xicheng/jinrongjie';
  const DEPT = 'dongcheng/dept/health';
  const staff = [
    { account: 'clerk', name: '经办人', roles: ['clerk' as const, 'back-office' as const], password: PASSWORD },
  ];
  const city = await startCity({
    dir: dir.path,
    districts: [
      {
        district: 'xicheng',
        nodes: [STREET, HALL].map((org) => ({ org, staff })),
        seedDocs: [...seedCategories(), ...seedCalendars()],
      },
      { district: 'dongcheng', nodes: [DEPT].map((org) => ({ org, staff })) },
    ],
  });
  try {
    const node = (org: string) => city.districts.get(org.split('/')[0]!)!.nodes.get(org)!;
    while (!node(HALL).services.reference.catalogue.get(MATTER)) await new Promise((r) => setTimeout(r, 50));
    const clerk = await clerkClient(node(HALL).url, 'clerk', PASSWORD);
    const matter = node(HALL).services.reference.catalogue.get(MATTER)!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const hop = async (to: string): Promise<number> => {
      const accepted = await clerk.post('/api/cases', { matterCode: MATTER, applicant: APPLICANT, received });
      if (accepted.status !== 201) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
      const id: string = accepted.body.id;
      const start = performance.now();
      const forwarded = await clerk.post(`/api/cases/${id}/events`, { kind: 'forwarded', to });
      if (forwarded.status !== 201) throw new Error(`forward: ${forwarded.status}`);
      for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
        if (node(to).services.index.get(id)?.holder === to) return performance.now() - start;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`case ${id} did not reach ${to}`);
    };
    const street: number[] = [];
    const across: number[] = [];
    // Alternated, so load on the machine weighs on both alike.
    for (let i = 0; i < CASES; i++) {
      street.push(await hop(STREET));
      across.push(await hop(DEPT));
    }
    report('city_forward_street_p50', percentile(street, 50), 'ms');
    report('city_forward_street_p95', percentile(street, 95), 'ms');
    report('city_forward_across_districts_p50', percentile(across, 50), 'ms');
    report('city_forward_across_districts_p95', percentile(across, 95), 'ms');
    report('city_forward_ratio_p50', percentile(across, 50) / percentile(street, 50), 'x');
  } finally {
    await city.close();
    dir.remove();
  }
}
