import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pino from 'pino';
import { startDistrict } from '../../deploy/start-district.js';
import { followCaseLookup } from '../../hub/district-cases/follow-case-lookup.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { idNumber } from '../../identity/testing/identity-fixtures.js';
import { checkCharacter, type Applicant } from '../../sync/index.js';
import { clerkClient, client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { caseDoc } from '../support/fixtures.js';
import { clientFrom } from '../support/from-address.js';
import { signUpResident } from '../support/sign-up-resident.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const CASES = Number(process.env.BENCH_LOOKUP_CASES ?? 100_000);
/** 25,000 residents with four cases each, spread over a district's 85 halls. */
const PEOPLE = 25_000;
const ORGS = Array.from({ length: 17 }, (_, s) => [
  `dongcheng/s${s}`,
  ...Array.from({ length: 4 }, (_, c) => `dongcheng/s${s}/c${c}`),
]).flat();
/** The hall the requests are made at: it holds none of the filled cases. */
const HALL = 'dongcheng/andingmen/guozijian';
const REQUESTS = 1000;
const CONCURRENCY = 8;
const COUNTER = {
  account: 'counter',
  name: '核验员',
  org: 'dongcheng',
  roles: ['clerk' as const],
  password: 'counter-pass-1',
};

const person = (p: number): Applicant => ({
  kind: 'person',
  name: `居民${p}`,
  idType: 'resident-id',
  idNumber: idNumber(p % 1000, `199001${String(1 + Math.floor(p / 1000)).padStart(2, '0')}`),
  phone: `139${String(p).padStart(8, '0')}`,
});
const code = (i: number) => {
  const body = `B${String(i).padStart(9, '0')}`;
  return body + checkCharacter(body);
};

/** Requests per second and p95 latency of `n` calls of `one`, `CONCURRENCY` at a time, each from its own loopback address in turn. */
async function measure(
  name: string,
  one: (i: number, from: string) => Promise<number>,
): Promise<{ rps: number; p95: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        // Residents come from many addresses: the hall's and the hub's per-address limits stay out of the way.
        const from = `127.0.${1 + (i % 200)}.${10 + ((i >> 3) % 200)}`;
        const s = performance.now();
        const status = await one(i, from);
        latencies.push(performance.now() - s);
        if (status !== 200) throw new Error(`${name}: request ${i} answered ${status}`);
      }
    }),
  );
  const rps = REQUESTS / ((performance.now() - t) / 1000);
  const p95 = percentile(latencies, 95);
  report(`lookups.${name}_rps`, rps, 'req/s');
  report(`lookups.${name}_p95`, p95, 'ms');
  return { rps, p95 };
}

/** Heap and array buffers in use after a full collection. */
function measuredMemory(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * 全网通办 through the hub (issue 14), with 100,000 cases in the district: tracking a code and a
 * resident's own case at a hall that does not hold them (node → hub → store) beside the same
 * lookups of cases the hall holds (answered from its own replica), and a verified resident's whole
 * list (four cases across the district, two of this hall); the hub's case lookup: its build from the
 * store, its restart from its snapshot, and its memory per case.
 */
export async function runLookupsBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-lookups-');
  const many = { perAddress: 1_000_000, perCode: 1_000_000, perNode: 1_000_000, perResident: 1_000_000 };
  const district = await startDistrict({
    dir: dir.path,
    nodes: [{ org: HALL, staff: [{ account: 'clerk', name: '王窗口', roles: ['clerk'], password: PASSWORD }] }],
    identityStaff: [COUNTER],
    lookupLimits: many,
  });
  try {
    const node = district.nodes.get(HALL)!;
    await eventually(
      () => node.services.reference.jwks && node.services.reference.catalogue.size > 40,
      60_000,
      'keys and catalogue',
    );
    const hub = district.hub!;
    const fillIds: string[] = [];
    for (let i = 0; i < CASES; i += 1000) {
      const batch = Array.from({ length: Math.min(1000, CASES - i) }, (_, j) => {
        const n = i + j;
        return {
          ...caseDoc(ORGS[n % ORGS.length]!),
          queryCode: code(n),
          applicant: person(n % PEOPLE),
        } as unknown as StoredDoc;
      });
      await hub.store.bulkDocs(batch, { newEdits: true });
      fillIds.push(...batch.map((d) => d._id.slice(5)));
    }

    // The hub's lookup after a restart: built from the store (its snapshot deleted), then from its snapshot.
    const restart = async (name: string) => {
      await district.stopHub();
      if (name === 'build') rmSync(join(dir.path, 'hub', 'case-lookup.snapshot'), { force: true });
      const started = performance.now();
      await district.startHub();
      await eventually(
        async () => (await client(district.hubUrl).get('/healthz')).body.casesIndexed,
        600_000,
        `case lookup ${name}`,
      );
      report(`lookups.case_lookup_${name}_${CASES}`, (performance.now() - started) / 1000, 's');
    };
    await restart('build');
    await restart('restart');
    const before = measuredMemory();
    const lookup = followCaseLookup(district.hub!.store, pino({ level: 'silent' }));
    await lookup.ready;
    report('lookups.case_lookup_bytes_per_case', (measuredMemory() - before) / lookup.lookup.size, 'bytes');
    lookup.stop();

    // Resident 0 (four cases in the fill) signs up, is verified in person, and has two more cases at this hall; 198 others too.
    const zhang = person(0);
    const hubDir = join(dir.path, 'hub');
    if (
      (
        await signUpResident(node.url, hubDir, {
          name: zhang.name,
          idNumber: zhang.idNumber,
          phone: zhang.phone,
          password: 'resident-pass-1',
        })
      ).status !== 201
    )
      throw new Error('sign-up failed');
    const counter = await client(node.url).post('/identity/login', {
      kind: 'staff',
      login: COUNTER.account,
      password: COUNTER.password,
    });
    await client(node.url, counter.body.accessToken).post('/identity/residents/verify', {
      idNumber: zhang.idNumber,
      name: zhang.name,
      phone: zhang.phone,
    });
    const token: string = (
      await client(node.url).post('/identity/login', {
        kind: 'resident',
        login: zhang.phone,
        password: 'resident-pass-1',
      })
    ).body.accessToken;
    const clerk = await clerkClient(node.url, 'clerk', PASSWORD);
    const matter = node.services.reference.catalogue.get('DC-CL-001')!;
    const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const local: { id: string; queryCode: string }[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await clerk.post('/api/cases', {
        matterCode: matter.code,
        applicant: i < 2 ? zhang : person(PEOPLE + i),
        received,
      });
      if (res.status !== 201) throw new Error(`accept ${res.status}`);
      local.push({ id: res.body.id, queryCode: res.body.queryCode });
    }
    const zhangsFilled = fillIds.filter((_, n) => n % PEOPLE === 0);
    const at = (from: string) => clientFrom(from, node.url, token);
    await eventually(
      async () => (await at('127.0.0.2').get('/api/my/cases')).body.items.length === 6,
      // After the hub's two restarts the hall's link may take tens of seconds to come back.
      120_000,
      'his six cases listed',
    );

    const trackHall = await measure(
      'track_at_hall_held',
      async (i, from) =>
        (await clientFrom(from, node.url).get(`/api/track/${local[i % local.length]!.queryCode}`)).status,
    );
    const trackHub = await measure(
      'track_through_hub',
      async (i, from) => (await clientFrom(from, node.url).get(`/api/track/${code((i * 7919) % CASES)}`)).status,
    );
    report('lookups.track_hub_vs_hall', trackHub.rps / trackHall.rps, 'ratio');
    const caseHall = await measure(
      'my_case_at_hall_held',
      async (i, from) => (await at(from).get(`/api/my/cases/${local[i % 2]!.id}`)).status,
    );
    const caseHub = await measure(
      'my_case_through_hub',
      async (i, from) => (await at(from).get(`/api/my/cases/${zhangsFilled[i % zhangsFilled.length]}`)).status,
    );
    report('lookups.my_case_hub_vs_hall', caseHub.rps / caseHall.rps, 'ratio');
    await measure('my_cases_list_through_hub', async (_i, from) => (await at(from).get('/api/my/cases')).status);
  } finally {
    await district.close();
    dir.remove();
  }
}
