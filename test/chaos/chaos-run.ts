import { randomUUID } from 'node:crypto';
import { isVisibleTo } from '../../sync/index.js';
import { APPLICANT } from '../support/fixtures.js';
import {
  COMMUNITIES,
  PASSWORD,
  STREET,
  startChaosDistrict,
  type ChaosDistrict,
  type ChaosNode,
} from './chaos-district.js';

/** How long and how hard to shake the district. */
export interface ChaosOptions {
  dir: string;
  rounds: number;
  /** How long each fault lasts while the clerks keep working. */
  roundMs: number;
  seed: number;
  /** Longest wait for the district to agree after the last heal. */
  convergeMs: number;
  /** Each clerk's pause between two writes. */
  paceMs: number;
  /** Faults to inject in this order instead of random ones, to replay a run: `kill-node <org>`, `kill-hub`, `freeze-hub`, `cut-reset <org>`, `cut-hold <org>`, `partition <community>`. */
  plan?: string[];
  log?: (line: string) => void;
}

/** What the run found; `lost`, `divergent`, `leaked` and `refusedWhileCut` must all be 0. */
export interface ChaosResult {
  rounds: number;
  faults: string[];
  acknowledgedCases: number;
  acknowledgedEvents: number;
  /** Acknowledged cases or events absent at a hall that should hold them. */
  lost: string[];
  /** Cases that fold differently at two halls. */
  divergent: string[];
  /** Cases held at a hall outside whose subtree all their parties lie. */
  leaked: string[];
  /** Acceptances a community refused while its line or the hub was down. */
  refusedWhileCut: string[];
  /** Processes that died without being killed. */
  crashes: string[];
  convergeSeconds: number;
  /** Each hall's sync status at the end, for a run that did not converge. */
  status: Record<string, unknown>;
  /** In each partition, what each side's write to the shared case got: `201` or the refusal. */
  partitionWrites: string[];
}

interface CaseView {
  id: string;
  status: string;
  parties: string[];
  holder: string;
  events: { id: string; note?: string }[];
}

interface Ack {
  node: string;
  events: Set<string>;
}

/**
 * Clerks at all four halls accept cases and append events through the halls' HTTP API — the
 * public API, whatever the write path does underneath — while each round injects one fault:
 * kill -9 of a hall or of the hub, the hub frozen (SIGSTOP), a hall's line reset or hung, or a
 * partition in which a community and its street both write the same case. Every acknowledged
 * write is recorded; after the last heal the halls must hold all of them, agree on every case,
 * and hold nothing outside their subtree.
 */
export async function runChaos(opts: ChaosOptions): Promise<ChaosResult> {
  let seed = opts.seed;
  // The high bits of the generator: its low bits cycle.
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor(seed / 65_536) % n);
  const log = opts.log ?? (() => undefined);
  const started = performance.now();
  log(`seed ${opts.seed}: enrolling and starting the district`);
  const district = await startChaosDistrict(opts.dir);
  log(`district up in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const acks = new Map<string, Ack>();
  const matters = new Map<string, { code: string; materials: string[] }>();
  const refusedWhileCut: string[] = [];
  const partitionWrites: string[] = [];
  const faults: string[] = [];
  const cut = new Set<string>();
  let hubDown = false;
  let working = true;
  try {
    const [street, ...rest] = [STREET, ...COMMUNITIES].map(
      (org) => district.nodes.find((n) => n.org === org) as ChaosNode,
    );
    for (const n of district.nodes) matters.set(n.org, await matterFor(n));
    const clerks = district.nodes.map((n) => clerkLoop(n));

    for (let round = 1; round <= opts.rounds; round++) {
      const planned = opts.plan?.[(round - 1) % opts.plan.length]?.split(' ');
      const kind =
        planned?.[0] ??
        (['kill-node', 'kill-hub', 'freeze-hub', 'cut-reset', 'cut-hold', 'partition'][random(6)] as string);
      const named = planned?.[1] && district.nodes.find((n) => n.org === planned[1]);
      const victim = named || (district.nodes[random(district.nodes.length)] as ChaosNode);
      const community = named || (rest[random(rest.length)] as ChaosNode);
      const fault =
        kind === 'partition'
          ? `partition ${community.org} | ${STREET}`
          : kind.includes('hub')
            ? kind
            : `${kind} ${victim.org}`;
      faults.push(fault);
      log(`round ${round}: ${fault}`);
      if (kind === 'kill-node') {
        // Forgotten first: a request the kill cuts off is the kill's doing, not a refusal.
        const child = victim.child;
        victim.child = undefined;
        await district.kill(child);
        await pause(opts.roundMs);
        await district.startNode(victim);
      } else if (kind === 'kill-hub') {
        hubDown = true;
        await district.kill(district.hubChild);
        await pause(opts.roundMs);
        await district.startHub();
        hubDown = false;
      } else if (kind === 'freeze-hub') {
        hubDown = true;
        district.hubChild?.kill('SIGSTOP');
        await pause(opts.roundMs);
        district.hubChild?.kill('SIGCONT');
        hubDown = false;
      } else {
        const cutOff = kind === 'partition' ? [community, street as ChaosNode] : [victim];
        // Both sides of a partition write the same case: one the community forwarded to its street.
        const shared =
          kind === 'partition'
            ? [...acks].find(([, a]) => a.node === community.org && a.events.size > 1)?.[0]
            : undefined;
        for (const n of cutOff) {
          cut.add(n.org);
          n.link.set(kind === 'cut-hold' ? 'hold' : 'reset');
        }
        if (shared) {
          for (const n of cutOff)
            partitionWrites.push(`${n.org}: ${await appendEvent(n, shared).catch((err: unknown) => String(err))}`);
        }
        await pause(opts.roundMs);
        for (const n of cutOff) {
          n.link.set('pass');
          cut.delete(n.org);
        }
      }
    }
    working = false;
    await Promise.all(clerks);
    const healedAt = performance.now();
    log('healed: waiting for the halls to agree');
    let found = await check();
    while ((found.lost.length || found.divergent.length) && performance.now() - healedAt < opts.convergeMs) {
      // Reading every case at every hall is work for the halls too: look less often when there are many.
      await pause(acks.size > 500 ? 5000 : 1000);
      found = await check();
    }
    const acknowledgedEvents = [...acks.values()].reduce((n, a) => n + a.events.size, 0);
    const status: Record<string, unknown> = {};
    for (const n of district.nodes)
      status[n.org] = await call(n, 'GET', '/api/status').then(
        (r) => r.body as { sync: unknown; cases: number },
        (err: unknown) => String(err),
      );
    return {
      partitionWrites,
      status,
      rounds: opts.rounds,
      faults,
      acknowledgedCases: acks.size,
      acknowledgedEvents,
      ...found,
      refusedWhileCut,
      crashes: [...district.crashes],
      convergeSeconds: (performance.now() - healedAt) / 1000,
    };
  } finally {
    working = false;
    await district.close();
  }

  async function clerkLoop(n: ChaosNode): Promise<void> {
    while (working) {
      if (!n.child) {
        await pause(100);
        continue;
      }
      const mine = [...acks].filter(([, a]) => a.node === n.org).map(([id]) => id);
      try {
        if (mine.length === 0 || random(10) < 4) await acceptCase(n);
        else if (n.org !== STREET && random(10) === 0) await forward(n, mine[random(mine.length)] as string);
        else await appendEvent(n, mine[random(mine.length)] as string);
      } catch {
        // A hall being killed or restarted answers nothing: that write was never acknowledged.
      }
      await pause(opts.paceMs);
    }
  }

  async function acceptCase(n: ChaosNode): Promise<void> {
    const matter = matters.get(n.org) as { code: string; materials: string[] };
    const offline = cut.has(n.org) || hubDown;
    const child = n.child;
    let res: { status: number; body: unknown };
    try {
      res = await call(n, 'POST', '/api/cases', {
        matterCode: matter.code,
        applicant: APPLICANT,
        received: matter.materials,
      });
    } catch (err) {
      // A hall that is up but does not answer while cut off is a hall that stopped accepting.
      if (offline && COMMUNITIES.includes(n.org) && child && n.child === child && child.exitCode === null)
        refusedWhileCut.push(`${n.org}: ${String(err)}`);
      throw err;
    }
    if (res.status === 201) {
      const view = res.body as CaseView;
      acks.set(view.id, { node: n.org, events: new Set(view.events.map((e) => e.id)) });
    } else if (offline && COMMUNITIES.includes(n.org) && n.child)
      refusedWhileCut.push(`${n.org}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
  }

  /** Appends an event; says what the hall answered (`201`, or the refusal). */
  async function appendEvent(n: ChaosNode, id: string): Promise<string> {
    const matter = matters.get(n.org) as { code: string; materials: string[] };
    const note = randomUUID();
    const res = await call(n, 'POST', `/api/cases/${id}/events`, {
      kind: 'material-received',
      materialId: matters.get((acks.get(id) as Ack).node)?.materials[0] ?? matter.materials[0],
      note,
    });
    if (res.status !== 201) return `${res.status} ${JSON.stringify(res.body).slice(0, 160)}`;
    const event = (res.body as CaseView).events.find((e) => e.note === note);
    if (event) acks.get(id)?.events.add(event.id);
    return '201';
  }

  async function forward(n: ChaosNode, id: string): Promise<void> {
    const res = await call(n, 'POST', `/api/cases/${id}/events`, { kind: 'forwarded', to: STREET, note: 'chaos' });
    if (res.status !== 201) return;
    const ack = acks.get(id) as Ack;
    for (const e of (res.body as CaseView).events) ack.events.add(e.id);
  }

  async function check(): Promise<Pick<ChaosResult, 'lost' | 'divergent' | 'leaked'>> {
    const lost: string[] = [];
    const divergent: string[] = [];
    const leaked: string[] = [];
    const held = new Map<string, Map<string, CaseView>>();
    for (const n of district.nodes) {
      const cases = new Map<string, CaseView>();
      for (let offset = 0; ; offset += 200) {
        const page = await call(n, 'GET', `/api/cases?limit=200&offset=${offset}`);
        const items = (page.body as { items: CaseView[] }).items ?? [];
        for (const c of items) cases.set(c.id, c);
        if (items.length < 200) break;
      }
      for (const c of cases.values())
        if (!c.parties.some((p) => isVisibleTo({ type: 'case', parties: [p] }, n.org)))
          leaked.push(`${c.id} at ${n.org}`);
      held.set(n.org, cases);
    }
    for (const [id, ack] of acks) {
      const parties = new Set<string>();
      for (const cases of held.values()) for (const p of cases.get(id)?.parties ?? []) parties.add(p);
      const views: [string, CaseView][] = [];
      for (const n of district.nodes) {
        if (!isVisibleTo({ type: 'case', parties: [...parties] }, n.org) && n.org !== ack.node) continue;
        const view = held.get(n.org)?.get(id);
        if (!view) {
          lost.push(`case ${id} missing at ${n.org}`);
          continue;
        }
        const have = new Set(view.events.map((e) => e.id));
        const missing = [...ack.events].filter((e) => !have.has(e));
        if (missing.length) lost.push(`${missing.length} events of ${id} missing at ${n.org}`);
        views.push([n.org, view]);
      }
      const folded = new Set(
        views.map(([, v]) =>
          JSON.stringify({
            status: v.status,
            holder: v.holder,
            parties: [...v.parties].sort(),
            events: v.events.map((e) => e.id).sort(),
          }),
        ),
      );
      if (folded.size > 1) divergent.push(`${id} folds ${folded.size} ways at ${views.map(([org]) => org).join(', ')}`);
    }
    return { lost, divergent, leaked };
  }
}

/** A matter this hall handles and that is not completed at once (so events can still be added), with its required materials. */
async function matterFor(n: ChaosNode): Promise<{ code: string; materials: string[] }> {
  const found = (await (await fetch(`${n.url}/api/catalogue?q=`)).json()) as {
    items: { code: string; handledHere: boolean; instant: boolean }[];
  };
  const matter = found.items.find((m) => m.handledHere && !m.instant);
  if (!matter) throw new Error(`no matter handled at ${n.org}`);
  const full = (await (await fetch(`${n.url}/api/catalogue/${matter.code}`)).json()) as {
    materials: { id: string; necessity: string }[];
  };
  return { code: matter.code, materials: full.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id) };
}

/** A JSON call as the hall's clerk, logging in again when the hall forgot the token (it restarted). */
async function call(
  n: ChaosNode,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    n.token ??= await login(n);
    const res = await fetch(`${n.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${n.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (res.status === 401 && attempt === 0) {
      n.token = undefined;
      continue;
    }
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  throw new Error('unreachable');
}

async function login(n: ChaosNode): Promise<string> {
  const res = await fetch(`${n.url}/api/auth/staff-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'clerk', password: PASSWORD }),
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200) throw new Error(`login at ${n.org}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type { ChaosDistrict };
