import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaDate } from '../../node/domain/working-days.js';
import type { RunningNode } from '../../node/start-node.js';
import type { Applicant } from '../../sync/index.js';
import { client, clerkClient, type Answer, type Client } from './client.js';
import { phoneOf, residentId } from './queue-fixtures.js';

const HOUR_MS = 3600_000;

/** The answer, when its status is one of `ok`; else an error naming what was asked and what came back (the bench runs without vitest). */
function must<T extends Answer>(what: string, answer: T, ...ok: number[]): T {
  if (!ok.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}
const DAY_MS = 86_400_000;

/** 9:00 in Beijing on the China date `date`. */
export const morningOf = (date: string) => new Date(`${date}T09:00:00+08:00`);

/** The working days (by `isWorkingDay`) from `start` on, `count` of them, as China dates. */
export function workingDays(start: Date, count: number, isWorkingDay: (date: string) => boolean): string[] {
  const out: string[] = [];
  for (let t = start.getTime(); out.length < count; t += DAY_MS) {
    const date = chinaDate(new Date(t));
    if (isWorkingDay(date)) out.push(date);
  }
  return out;
}

/** The n-th resident of a month: a valid ID number and a phone of his own. */
export function resident(n: number): Applicant {
  const birth = `19${50 + (n % 40)}0${1 + (n % 9)}1${n % 10}`;
  return {
    kind: 'person',
    name: `居民${n}`,
    idType: 'resident-id',
    idNumber: residentId(birth, n % 1000),
    phone: phoneOf(n),
  };
}

/** What a hall did in its month, for the checks after the reconnect. */
export interface MonthRecord {
  cases: string[];
  forwarded: number;
  /** Returned to the applicant: 不予受理 the day after (the reason said). */
  rejected: number;
  makeUpMissed: number;
  materials: number;
  deviceRatings: number;
  tickets: number;
}

type Later = (clerk: Client) => Promise<void>;

/**
 * One community's working month, played over its HTTP API as its clerks and residents would,
 * with the node's clock moved by the caller: each working day a clerk logs in, opens window w1,
 * serves three walk-in tickets, accepts `casesPerDay` cases (instant ones completed at once; 容缺
 * ones with a secondary material left out, most handed in two days later, some never; some
 * forwarded to the street; a scan uploaded; the rest completed one to three days later and handed
 * out; one in ten returned to the applicant the next day (不予受理, with its reason)), asks the window's rating device for one rating; in the evening the
 * SMS outbox and the rating keeper run (defaults after 7 days).
 */
export class CommunityMonth {
  readonly record: MonthRecord = {
    cases: [],
    forwarded: 0,
    rejected: 0,
    makeUpMissed: 0,
    materials: 0,
    deviceRatings: 0,
    tickets: 0,
  };
  private readonly later = new Map<number, Later[]>();
  private serial = 0;

  constructor(
    private readonly node: () => RunningNode,
    private readonly o: {
      org: string;
      street: string;
      casesPerDay: number;
      password: string;
      setClock: (at: Date) => void;
      firstResident?: number;
      kinds?: number[];
      onAccepted?: (id: string) => void;
    },
  ) {
    this.serial = o.firstResident ?? 0;
    this.casesPerDay = o.casesPerDay;
  }

  /** Cases accepted each day from now on (a hall whose rights ended takes none). */
  casesPerDay: number;

  private matter(code: string) {
    const m = this.node().services.reference.catalogue.get(code);
    if (!m) throw new Error(`matter ${code} not held at ${this.o.org}`);
    return m;
  }

  /** Clerk login at the node itself (the hub may be out of reach). */
  login(): Promise<Client> {
    return clerkClient(this.node().url, 'clerk', this.o.password);
  }

  private token = '';
  /** The cookie of the window's rating tablet, paired on the first day. */
  private device: string | undefined;

  /** Plays working day `index` (0-based) on the China date `date`. */
  async day(index: number, date: string): Promise<void> {
    const morning = morningOf(date);
    this.o.setClock(morning);
    const login = await client(this.node().url).post('/api/auth/staff-login', {
      account: 'clerk',
      password: this.o.password,
    });
    must('clerk login', login, 200);
    this.token = login.body.token;
    const clerk = client(this.node().url, this.token);
    if (index === 0)
      must(
        'window set up',
        await clerk.put('/api/queue/windows/w1', { name: '1号窗口', categories: [1, 4, 6, 7, 8, 9, 11] }),
        200,
      );
    must('window opened', await clerk.post('/api/queue/windows/w1/open'), 200, 409);
    if (!this.device) this.device = await this.pairDevice(clerk);
    await this.queue(clerk);
    for (const act of this.later.get(index) ?? []) await act(clerk);
    this.later.delete(index);
    let rated = false;
    for (let i = 0; i < this.casesPerDay; i++) {
      // The morning's cases, within the hour a clerk's token lasts.
      this.o.setClock(new Date(morning.getTime() + 5 * 60_000 + i * Math.floor((50 * 60_000) / this.casesPerDay)));
      const instant = await this.accept(clerk, index, this.o.kinds ? this.o.kinds[i % this.o.kinds.length]! : i);
      if (instant && !rated) rated = await this.rateAtDevice(clerk, instant);
    }
    this.o.setClock(new Date(morning.getTime() + 8 * HOUR_MS));
    const services = this.node().services;
    await services.notices.runOnce();
    await services.supervision.keeper.runOnce();
  }

  private async queue(clerk: Client): Promise<void> {
    const anon = client(this.node().url);
    for (let t = 0; t < 3; t++) {
      must('ticket', await anon.post('/api/queue/tickets', { category: 7, via: 'walk-in' }), 201);
      must('call', await clerk.post('/api/queue/windows/w1/call'), 200);
      must('finish', await clerk.post('/api/queue/windows/w1/finish'), 200);
      this.record.tickets++;
    }
  }

  private schedule(index: number, act: Later): void {
    this.later.set(index, [...(this.later.get(index) ?? []), act]);
  }

  /** Accepts one case of kind `i % 10`; returns the id of an instant case (completed at once). */
  private async accept(clerk: Client, day: number, i: number): Promise<string | undefined> {
    const kind = i % 10;
    const code =
      kind === 0
        ? 'DC-RS-004'
        : kind === 1 || kind === 2
          ? 'DC-MZ-001'
          : kind === 4 || kind === 9
            ? 'DC-GA-003'
            : 'DC-MZ-005';
    const matter = this.matter(code);
    const secondary = matter.materials.filter((m) => m.necessity === 'secondary').map((m) => m.id);
    const received = matter.materials
      .filter((m) => m.necessity === 'required' || (m.necessity === 'secondary' && kind !== 1 && kind !== 2))
      .map((m) => m.id);
    const res = must(
      `accept ${code}`,
      await clerk.post('/api/cases', { matterCode: code, applicant: resident(this.serial++), received }),
      201,
    );
    const id: string = res.body.id;
    this.record.cases.push(id);
    this.o.onAccepted?.(id);
    const act = (body: object) => async (c: Client) => {
      must(`${(body as { kind: string }).kind} on ${id}`, await c.post(`/api/cases/${id}/events`, body), 201);
    };
    switch (kind) {
      case 0:
        if (res.body.status !== 'completed') throw new Error(`instant case ${id} is ${res.body.status}`);
        return id;
      case 1:
        this.schedule(day + 2, act({ kind: 'material-received', materialId: secondary[0], note: '容缺材料已补交' }));
        this.schedule(day + 3, act({ kind: 'completed', result: '审核通过' }));
        this.schedule(day + 3, act({ kind: 'delivered', method: 'window' }));
        return undefined;
      case 2:
        this.record.makeUpMissed++;
        return undefined;
      case 3:
        await act({ kind: 'forwarded', to: this.o.street, note: '请街道审核' })(clerk);
        this.record.forwarded++;
        return undefined;
      case 4:
        await this.upload(id, matter.materials.find((m) => m.necessity === 'required')!.id);
        this.schedule(day + 1, act({ kind: 'completed' }));
        return undefined;
      case 9:
        this.schedule(day + 1, async (c) => {
          await act({ kind: 'rejected', reason: '经审查不符合办理条件，退回申请人' })(c);
          this.record.rejected++;
        });
        return undefined;
      default:
        this.schedule(day + 1 + (i % 3), act({ kind: 'completed', result: '已办结' }));
        this.schedule(day + 1 + (i % 3), act({ kind: 'delivered', method: 'window' }));
        return undefined;
    }
  }

  /** The window's scanner (高拍仪): one PDF, sent as the raw body. */
  private async upload(caseId: string, materialId: string): Promise<void> {
    const res = await fetch(`${this.node().url}/api/cases/${caseId}/materials/${materialId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', authorization: `Bearer ${this.token}` },
      body: new TextEncoder().encode(`%PDF-1.4 scan of ${materialId} for ${caseId}`),
    });
    if (res.status !== 201) throw new Error(`scan of ${caseId}: ${res.status} ${await res.text()}`);
    this.record.materials++;
  }

  /** Pairs the window's rating tablet (评议器) as the clerk does: he asks for a code, the tablet enters it and keeps its cookie. */
  private async pairDevice(clerk: Client): Promise<string> {
    const code = must('pairing code', await clerk.post('/api/rating-device/w1/pairing-code'), 201).body.code as string;
    const res = await fetch(`${this.node().url}/api/rating-device/w1/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    if (res.status !== 200) throw new Error(`pairing: ${res.status} ${await res.text()}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }

  /** The window's rating device (评议器) offers the case; the resident taps 满意. */
  private async rateAtDevice(clerk: Client, caseId: string): Promise<boolean> {
    must('rating request', await clerk.post('/api/rating-requests', { window: 'w1', caseId }), 201);
    const headers = { cookie: this.device!, 'content-type': 'application/json' };
    const offered = await (await fetch(`${this.node().url}/api/rating-device/w1`, { headers })).json();
    if (offered.pending?.kind !== 'case') throw new Error(`the rating device offers nothing for ${caseId}`);
    const rated = await fetch(`${this.node().url}/api/rating-device/w1/rating`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ level: 'satisfied' }),
    });
    if (rated.status !== 201) throw new Error(`device rating of ${caseId}: ${rated.status} ${await rated.text()}`);
    this.record.deviceRatings++;
    return true;
  }
}

/** The write decisions in a hub's audit logs (`HUB_DATA/audit/*.jsonl`): accepted and refused, per organisation. */
export function auditDecisions(hubDir: string): Map<string, { accepted: number; refused: number; reasons: string[] }> {
  const out = new Map<string, { accepted: number; refused: number; reasons: string[] }>();
  const dir = join(hubDir, 'audit');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as {
        kind: string;
        node?: { org: string };
        decision?: string;
        reason?: string;
        id?: string;
      };
      if (e.kind !== 'write' || !e.node) continue;
      const row = out.get(e.node.org) ?? { accepted: 0, refused: 0, reasons: [] };
      if (e.decision === 'refused') {
        row.refused++;
        row.reasons.push(`${e.id}: ${e.reason}`);
      } else row.accepted++;
      out.set(e.node.org, row);
    }
  }
  return out;
}
