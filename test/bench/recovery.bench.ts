import { startDistrict } from '../../deploy/start-district.js';
import { APPLICANT } from '../support/fixtures.js';
import { clerkClient, type Client } from '../support/client.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const STREET = 'dongcheng/jingshan';
const COMMUNITIES = [
  'dongcheng/jingshan/huangchenggen',
  'dongcheng/jingshan/jixiang',
  'dongcheng/jingshan/huanghuamen',
  'dongcheng/jingshan/sanyanjing',
];
const ROUNDS = 8;
/** Longer than live sync's longest wait between attempts (1 s), so every node waits at its cap when the hub returns. */
const OUTAGE_MS = 3_000;

/**
 * Recovery (issue 19.3): the hub is stopped, each of four communities accepts a case while it is
 * away, and the hub is started again on the same port; the figure is the time from the hub
 * listening again to each case appearing at the street, over eight outages. The baseline is the
 * same community-to-street path with the hub up, in the same district.
 */
export async function runRecoveryBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-recovery-');
  const staff = [{ account: 'clerk', name: '王窗口', roles: ['clerk' as const], password: PASSWORD }];
  const district = await startDistrict({
    dir: dir.path,
    nodes: [STREET, ...COMMUNITIES].map((org) => ({ org, staff })),
  });
  try {
    const street = district.nodes.get(STREET)!;
    const arrived = new Map<string, number>();
    const feed = street.services.db
      .changes({ live: true, since: 'now' })
      .on('change', (ch) => arrived.set(ch.id, performance.now()));
    const clerks = new Map<string, Client>();
    for (const org of COMMUNITIES) {
      const node = district.nodes.get(org)!;
      while (node.services.reference.catalogue.size < 40) await new Promise((r) => setTimeout(r, 100));
      clerks.set(org, await clerkClient(node.url, 'clerk', PASSWORD));
    }
    const matter = street.services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const accept = async (org: string) =>
      `case:${(await clerks.get(org)!.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received })).body.id}`;
    const arrival = async (id: string) => {
      while (!arrived.has(id)) await new Promise((r) => setTimeout(r, 2));
      return arrived.get(id)!;
    };

    const live: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const org of COMMUNITIES) {
        const sent = performance.now();
        live.push((await arrival(await accept(org))) - sent);
      }
    }

    const afterHeal: number[] = [];
    const restarts: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await district.stopHub();
      const ids = await Promise.all(COMMUNITIES.map(accept));
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      const t = performance.now();
      await district.startHub();
      const healed = performance.now();
      restarts.push(healed - t);
      for (const id of ids) afterHeal.push((await arrival(id)) - healed);
    }
    feed.cancel();
    report('recovery.live_community_to_street_p50', percentile(live, 50), 'ms');
    report('recovery.hub_restart_to_listening_p50', percentile(restarts, 50), 'ms');
    report('recovery.case_to_street_after_heal_p50', percentile(afterHeal, 50), 'ms');
    report('recovery.case_to_street_after_heal_p95', percentile(afterHeal, 95), 'ms');
    report('recovery.case_to_street_after_heal_max', Math.max(...afterHeal), 'ms');
  } finally {
    await district.close();
    dir.remove();
  }
}
