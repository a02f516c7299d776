import { join } from 'node:path';
import { startDistrict } from '../../deploy/start-district.js';
import { CaseAdvancer } from '../../node/workflow/case-advancer.js';
import { clerkClient } from '../support/client.js';
import { caseDoc, signed } from '../support/fixtures.js';
import { PASSWORD, startTestNode } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const CASES = 10;
/** Cases a hall holds for the advancer's pass (`BENCH_ADVANCER_CASES`). */
const HELD = Number(process.env.BENCH_ADVANCER_CASES ?? 10_000);
const PASSES = 200;
const RESTAURANT = 'DC-SCJG-003';
const COMPANY = {
  kind: 'company',
  name: '东城小馆餐饮有限公司',
  idType: 'uscc',
  idNumber: '91350100M000100Y43',
  phone: '13700137000',
};

/**
 * The workflow figure (issue 6): from the last approval at a department to the completed state at
 * the community that accepted the case, over live sync, for restaurant licences approved by seven
 * departments in two stages; beside it the hop of one plain forward, community to district.
 */
export async function runWorkflowBench(): Promise<void> {
  await advancerPass();
  const dir = tempDir('hallnet-bench-workflow-');
  const A = 'dongcheng/jingshan/huangchenggen';
  const CENTER = 'dongcheng';
  const stage1 = ['dongcheng/dept/health', 'dongcheng/dept/ecology'];
  const stage2 = [
    'dongcheng/dept/market',
    'dongcheng/dept/quality',
    'dongcheng/dept/national-tax',
    'dongcheng/dept/local-tax',
    'dongcheng/dept/stats',
  ];
  const staff = [
    { account: 'clerk', name: '经办人', roles: ['clerk' as const, 'back-office' as const], password: PASSWORD },
  ];
  const district = await startDistrict({
    dir: dir.path,
    nodes: [CENTER, A, ...stage1, ...stage2].map((org) => ({ org, staff })),
  });
  try {
    const clients = new Map<string, Awaited<ReturnType<typeof clerkClient>>>();
    for (const [org, node] of district.nodes) {
      while (!node.services.reference.catalogue.get(RESTAURANT) || !node.services.reference.jwks)
        await new Promise((r) => setTimeout(r, 50));
      clients.set(org, await clerkClient(node.url, 'clerk', PASSWORD));
    }
    const wait = async (org: string, id: string, ok: (s: NonNullable<ReturnType<typeof at>>) => boolean) => {
      for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
        const s = at(org, id);
        if (s && ok(s)) return performance.now();
        await new Promise((r) => setTimeout(r, 2));
      }
      throw new Error(`case ${id} never reached the expected state at ${org}`);
    };
    const at = (org: string, id: string) => district.nodes.get(org)!.services.index.get(id);
    const matter = district.nodes.get(A)!.services.reference.catalogue.get(RESTAURANT)!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const toCompletion: number[] = [];
    const forwardHop: number[] = [];
    for (let i = 0; i < CASES; i++) {
      const id: string = (
        await clients.get(A)!.post('/api/cases', { matterCode: RESTAURANT, applicant: COMPANY, received })
      ).body.id;
      const act = async (org: string, body: object) => {
        const res = await clients.get(org)!.post(`/api/cases/${id}/events`, body);
        if (res.status !== 201)
          throw new Error(`${org} ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(res.body)}`);
      };
      const sent = performance.now();
      await act(A, { kind: 'forwarded', to: CENTER });
      forwardHop.push((await wait(CENTER, id, (s) => s.holder === CENTER)) - sent);
      await act(CENTER, { kind: 'stage-started' });
      for (const dept of stage1) {
        await wait(dept, id, (s) => s.stages.length === 1);
        await act(dept, { kind: 'approved', stage: 0 });
      }
      for (const dept of stage2.slice(0, -1)) {
        await wait(dept, id, (s) => s.stages.length === 2);
        await act(dept, { kind: 'approved', stage: 1 });
      }
      const last = stage2.at(-1)!;
      await wait(
        last,
        id,
        (s) => s.stages.length === 2 && s.stages[1]!.tasks.filter((t) => t.status === 'approved').length === 4,
      );
      const approvedAt = performance.now();
      await act(last, { kind: 'approved', stage: 1 });
      toCompletion.push((await wait(A, id, (s) => s.status === 'completed')) - approvedAt);
    }
    report('workflow.last_approval_to_completed_at_community_p50', percentile(toCompletion, 50), 'ms');
    report('workflow.last_approval_to_completed_at_community_p95', percentile(toCompletion, 95), 'ms');
    report('workflow.baseline_forward_community_to_district_p50', percentile(forwardHop, 50), 'ms');
    report('workflow.completion_vs_forward_hop', percentile(toCompletion, 50) / percentile(forwardHop, 50), 'ratio');
  } finally {
    await district.close();
    dir.remove();
  }
}

/**
 * What the case advancer's pass costs a hall holding `HELD` cases (it runs every 2 s on the
 * node's one thread, and at each approval), beside a plain copy and scan of the hall's cases —
 * what each pass did before it kept only the cases due to move on.
 */
async function advancerPass(): Promise<void> {
  const dir = tempDir('hallnet-bench-advancer-');
  const org = 'dongcheng/jingshan';
  try {
    const node = await startTestNode(join(dir.path, 'node'), org);
    try {
      const s = node.services;
      // Signed by the hall itself, as its own accepted cases are: the index holds only cases it trusts.
      for (let i = 0; i < HELD; i += 1000)
        await s.db.bulkDocs(
          Array.from({ length: Math.min(1000, HELD - i) }, () => signed(s.guard.signer, caseDoc(org))),
        );
      for (let waited = 0; s.index.size < HELD && waited < 600; waited++) await new Promise((r) => setTimeout(r, 100));
      if (s.index.size < HELD) throw new Error(`the hall holds ${s.index.size} of ${HELD} cases`);
      const advancer = new CaseAdvancer({ ...s, org });
      advancer.start();
      const timed = async (pass: () => unknown) => {
        const t = performance.now();
        for (let i = 0; i < PASSES; i++) await pass();
        return (performance.now() - t) / PASSES;
      };
      const pass = await timed(() => advancer.runOnce());
      await advancer.stop();
      const scan = await timed(() => [...s.index.values()].filter((c) => c.status === 'processing').length);
      report(`workflow.advancer_pass_${HELD}_cases`, pass, 'ms');
      report(`workflow.baseline_copy_and_scan_${HELD}_cases`, scan, 'ms');
      report('workflow.advancer_pass_vs_scan', pass / scan, 'ratio');
    } finally {
      await node.close();
    }
  } finally {
    dir.remove();
  }
}
