import { randomUUID } from 'node:crypto';
import { acceptCase, completion, type RunningNode, type WorkCalendar } from '../node/index.js';
import type { Actor, Applicant, UnsignedCaseDoc } from '../sync/index.js';

/** The demo's resident: signs in on any node's portal and finds the sample cases made out to him. */
export const DEMO_RESIDENT = {
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  password: 'hallnet-resident',
} as const;

const ZHANG: Applicant = {
  kind: 'person',
  name: DEMO_RESIDENT.name,
  idType: 'resident-id',
  idNumber: DEMO_RESIDENT.idNumber,
  phone: DEMO_RESIDENT.phone,
  contact: '景山街道皇城根社区 12 号',
};
const LI: Applicant = {
  kind: 'person',
  name: '李四',
  idType: 'resident-id',
  idNumber: '110101199003074477',
  phone: '13900139000',
};
const WANG: Applicant = {
  kind: 'person',
  name: '王五',
  idType: 'resident-id',
  idNumber: '11010119580312004X',
  phone: '13700137000',
};
// Each hall's samples have their own applicants: a person's 一表一库 record is one document per
// person across the district, and the hub refuses a second hall's rewrite of another hall's record.
const ZHAO: Applicant = {
  kind: 'person',
  name: '赵六',
  idType: 'resident-id',
  idNumber: '110105198807161518',
  phone: '13600136000',
};
const SUN: Applicant = {
  kind: 'person',
  name: '孙七',
  idType: 'resident-id',
  idNumber: '110101197511022121',
  phone: '13500135000',
};

type When = (cal: WorkCalendar, now: Date, promisedDays: number) => Date;

/** One sample case: where it is accepted, for whom, which materials are missing, and when. */
interface Sample {
  org: string;
  matterCode: string;
  applicant: Applicant;
  /** Secondary materials not handed in (容缺). */
  missing?: string[];
  accepted: When;
  /** Completed this many hours after acceptance, with this result. */
  completed?: { afterHours: number; result: string };
}

/** 10:00 Beijing time, `n` working days before today. */
const workingDaysAgo =
  (n: number): When =>
  (cal, now) => {
    let date = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    for (let left = n; left > 0; ) {
      date = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (cal.isWorkingDay(date)) left--;
    }
    const at = new Date(`${date}T10:00:00+08:00`);
    return at > now ? new Date(now.getTime() - 3600_000) : at;
  };

/** The latest acceptance day whose promised deadline is still ahead, or (`overdue`) the first already passed. */
const deadlineNear =
  (overdue: boolean): When =>
  (cal, now, days) => {
    let previous = workingDaysAgo(0)(cal, now, days);
    for (let n = 1; n < 90; n++) {
      const from = workingDaysAgo(n)(cal, now, days);
      if (Date.parse(cal.deadline(from, days)) < now.getTime()) return overdue ? from : previous;
      previous = from;
    }
    return previous;
  };

const SAMPLES: readonly Sample[] = [
  { org: 'dongcheng/jingshan/huangchenggen', matterCode: 'DC-MZ-005', applicant: ZHANG, accepted: workingDaysAgo(2) },
  {
    org: 'dongcheng/jingshan/huangchenggen',
    matterCode: 'DC-MZ-001',
    applicant: ZHANG,
    missing: ['income-proof'],
    accepted: workingDaysAgo(1),
  },
  {
    org: 'dongcheng/jingshan/huangchenggen',
    matterCode: 'DC-CL-001',
    applicant: LI,
    accepted: workingDaysAgo(8),
    completed: { afterHours: 150, result: '经评定符合残疾标准，残疾人证已制发' },
  },
  { org: 'dongcheng/jingshan/huangchenggen', matterCode: 'DC-MZ-003', applicant: WANG, accepted: deadlineNear(false) },
  { org: 'dongcheng/jingshan', matterCode: 'DC-GA-003', applicant: SUN, accepted: deadlineNear(true) },
  { org: 'dongcheng/donghuamen/nanchizi', matterCode: 'DC-RS-002', applicant: ZHAO, accepted: workingDaysAgo(0) },
];

const MARKER = '_local/hallnet-demo-samples';

/** A sample case as the demo prints it. */
export interface SampleSummary {
  org: string;
  queryCode: string;
  matterName: string;
  applicant: string;
}

/**
 * Writes the demo's sample cases, back-dated over the last days so the lists show every light,
 * at each node that has not had them yet (a `_local` marker, so a restart writes none again).
 * Cases go through the same acceptance rules as the window's; the completed one carries its
 * completion in the same write.
 */
export async function writeSampleCases(
  nodes: ReadonlyMap<string, RunningNode>,
  clerkOf: (org: string) => Actor,
  now = new Date(),
): Promise<SampleSummary[]> {
  const out: SampleSummary[] = [];
  for (const [org, node] of nodes) {
    const s = node.services;
    const mine = SAMPLES.filter((x) => x.org === org);
    if (
      !mine.length ||
      (await s.db.get(MARKER).then(
        () => true,
        () => false,
      ))
    )
      continue;
    for (const sample of mine) {
      const matter = s.reference.catalogue.get(sample.matterCode);
      if (!matter) throw new Error(`demo: matter ${sample.matterCode} is not in the catalogue at ${org}`);
      const actor = clerkOf(org);
      const at = sample.accepted(s.reference.calendar, now, matter.promisedDays);
      const received = matter.materials
        .filter((m) => m.necessity !== 'optional' && !sample.missing?.includes(m.id))
        .map((m) => m.id);
      const doc: UnsignedCaseDoc = acceptCase(
        { matterCode: matter.code, applicant: sample.applicant, received, channel: 'window' },
        { matter, org, level: s.level, actor, now: at, calendar: s.reference.calendar },
      );
      if (sample.completed) {
        const done = new Date(Math.min(at.getTime() + sample.completed.afterHours * 3600_000, now.getTime()));
        doc.events.push(
          completion({ id: randomUUID(), at: done.toISOString(), actor }, matter, done, sample.completed.result),
        );
      }
      s.index.put(await s.cases.create(doc));
      await s.residents.remember(sample.applicant, actor, doc.at);
      out.push({ org, queryCode: doc.queryCode, matterName: doc.matterName, applicant: sample.applicant.name });
    }
    await s.db.put({ _id: MARKER, at: now.toISOString() });
  }
  return out;
}
