import { join } from 'node:path';
import { startDistrict } from '../../deploy/start-district.js';
import { seedDocuments } from '../../deploy/seed/index.js';
import type { Calendar, CaseState } from '../../sync/index.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { CommunityMonth, workingDays } from '../support/month-offline.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import { percentile, report } from './report.js';

const STREET = 'dongcheng/jingshan';
/** Cut off from the hub for the whole month. */
const OFFLINE = 'dongcheng/jingshan/huangchenggen';
/** The same month's work at a community whose line never went down: the baseline. */
const ONLINE = 'dongcheng/jingshan/jixiang';
const CASES_PER_DAY = Number(process.env.MONTH_CASES ?? 50);
/** The baseline's volume: its figures are per case, so a lighter day keeps the bench shorter. */
const BASELINE_CASES_PER_DAY = Number(process.env.MONTH_BASELINE_CASES ?? 10);
const DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * A month offline (issue 19.4) at full volume: a community works thirty working days of about
 * fifty cases a day (MONTH_CASES; with their events, notices, scans, ratings, register records and
 * the queue) on a clock the bench moves, cut off from the hub all month; beside it a community
 * whose line never went down works the same month at ten a day (MONTH_BASELINE_CASES).
 * Figures: after the line comes back, the time until the street holds every case of the month
 * with all its events, and until it holds everything else of it too; beside it, for the
 * community that stayed online, the time from its last write of the month to the street holding
 * all of it, and the p50/p95 from a case's acceptance to its arrival at the street during the month.
 */
export async function runMonthOfflineBench(): Promise<void> {
  const dir = tempDir('hallnet-bench-month-');
  const lastYear = Math.max(
    ...seedDocuments()
      .filter((d) => d.type === 'calendar')
      .map((d) => (d as unknown as Calendar).year),
  );
  let now = new Date(`${lastYear}-03-01T08:00:00+08:00`);
  const setClock = (t: Date) => void (now = t);
  let proxy: FaultProxy | undefined;
  const staff = [
    { account: 'clerk', name: '王窗口', roles: ['clerk' as const, 'director' as const], password: PASSWORD },
  ];
  const district = await startDistrict({
    dir: join(dir.path, 'district'),
    clock: () => now,
    nodes: [
      { org: STREET, staff },
      {
        org: OFFLINE,
        staff,
        line: async (hubUrl) => (proxy ??= await startFaultProxy(Number(new URL(hubUrl).port))).url,
      },
      { org: ONLINE, staff },
    ],
  });
  try {
    const node = (org: string) => district.nodes.get(org)!;
    for (const org of [OFFLINE, ONLINE])
      while (node(org).services.reference.catalogue.size < 40) await new Promise((r) => setTimeout(r, 100));
    const street = node(STREET);
    const arrived = new Map<string, number>();
    const feed = street.services.db.changes({ live: true, since: 'now' }).on('change', (ch) => {
      if (!arrived.has(ch.id)) arrived.set(ch.id, performance.now());
    });
    const acceptedAt = new Map<string, number>();
    proxy!.set('reset');
    while (node(OFFLINE).services.sync!.status().connected) await new Promise((r) => setTimeout(r, 100));

    const offline = new CommunityMonth(() => node(OFFLINE), {
      org: OFFLINE,
      street: STREET,
      casesPerDay: CASES_PER_DAY,
      password: PASSWORD,
      setClock,
    });
    const online = new CommunityMonth(() => node(ONLINE), {
      org: ONLINE,
      street: STREET,
      casesPerDay: BASELINE_CASES_PER_DAY,
      password: PASSWORD,
      setClock,
      firstResident: 500_000,
      onAccepted: (id) => acceptedAt.set(`case:${id}`, performance.now()),
    });
    const days = workingDays(new Date(now.getTime() + DAY_MS / 2), DAYS, (d) =>
      node(OFFLINE).services.reference.calendar.isWorkingDay(d),
    );
    const monthStart = performance.now();
    for (const [k, date] of days.entries()) {
      await offline.day(k, date);
      await online.day(k, date);
    }
    const monthEnd = performance.now();

    // The community that stayed online: its month is at the street shortly after its last write.
    const same = (org: string, ids: readonly string[]) =>
      ids.every((id) => sameEvents(street.services.index.get(id), node(org).services.index.get(id)));
    while (!same(ONLINE, online.record.cases)) await new Promise((r) => setTimeout(r, 20));
    const onlineTail = performance.now() - monthEnd;
    const latencies = [...acceptedAt].filter(([id]) => arrived.has(id)).map(([id, at]) => arrived.get(id)! - at);

    // The community cut off all month: its line comes back. What it wrote is read once, before;
    // afterwards the street's change feed says when each arrives (checking both replicas over and
    // over would take the event loop the hub and the nodes share in this process).
    const ofMonth = (await node(OFFLINE).services.db.allDocs({ include_docs: true })).rows
      .filter((r) => (r.doc as { scope?: string }).scope === OFFLINE)
      .map((r) => r.id);
    const cases = ofMonth.filter((id) => id.startsWith('case:'));
    const documents = ofMonth.length;
    const healed = performance.now();
    proxy!.set('pass');
    const allArrived = (ids: readonly string[]) => ids.every((id) => arrived.has(id));
    while (!allArrived(cases)) await new Promise((r) => setTimeout(r, 100));
    while (!same(OFFLINE, offline.record.cases)) await new Promise((r) => setTimeout(r, 100));
    const casesAt = performance.now() - healed;
    while (!allArrived(ofMonth)) await new Promise((r) => setTimeout(r, 100));
    const everything = performance.now() - healed;
    const held = async (org: string) =>
      (await node(org).services.db.allDocs({ keys: ofMonth })).rows.filter(
        (r) => 'value' in r && r.value && !(r.value as { deleted?: boolean }).deleted,
      ).length;
    if ((await held(STREET)) !== (await held(OFFLINE))) throw new Error('the street does not hold all of the month');
    const refused = node(OFFLINE).services.sync!.status().refused.length;

    report('month_offline.cases', offline.record.cases.length, 'cases');
    report('month_offline.documents', documents, 'docs');
    report('month_offline.refused', refused, 'docs');
    report('month_offline.reconnect_cases_at_street', casesAt / 1000, 's');
    report('month_offline.reconnect_everything_at_street', everything / 1000, 's');
    report('month_offline.reconnect_docs_per_s', documents / (everything / 1000), 'docs/s');
    report('month_offline.baseline_online_tail', onlineTail / 1000, 's');
    report('month_offline.baseline_online_case_at_street_p50', percentile(latencies, 50), 'ms');
    report('month_offline.baseline_online_case_at_street_p95', percentile(latencies, 95), 'ms');
    report('month_offline.month_played', (monthEnd - monthStart) / 1000, 's');
    feed.cancel();
  } finally {
    await district.close();
    await proxy?.close();
    dir.remove();
  }
}

/** Whether two nodes hold the same events of a case. */
function sameEvents(a: CaseState | undefined, b: CaseState | undefined): boolean {
  const ids = (s: CaseState) => JSON.stringify(s.events.map((e) => e.id).sort());
  return !!a && !!b && ids(a) === ids(b);
}
