import { expect } from 'vitest';
import type { AttackDistrict } from './attack-district.js';
import type { Answer, Attacker, Channel, Forged } from './attacker.js';
import type { Story } from './legit-story.js';

/** What an attack is forged from: the attacker, the district as it stands, the honest story so far. */
export interface AttackContext {
  attacker: Attacker;
  d: AttackDistrict;
  story: Story;
}

/** One attack: how its revision is pushed, how it is forged (when it is launched), and the rule that must refuse it (matched against the hub's reason). */
export interface Attack {
  name: string;
  via: Channel;
  reason: RegExp;
  forge(ctx: AttackContext): Forged | Promise<Forged>;
}

/** What became of an attack: the hub's answer, the node whose key pushed it, and how many SMS the district had sent before it. */
export interface Outcome extends Answer {
  attack: Attack;
  by: string;
  smsBefore: number;
}

/** Pushes every attack, each through its own channel, and returns the hub's answers by attack name. */
export async function launch(ctx: AttackContext, attacks: readonly Attack[]): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  for (const attack of attacks) {
    if (out.has(attack.name)) throw new Error(`two attacks named ${attack.name}`);
    const doc = await attack.forge(ctx);
    const smsBefore = ctx.d.sms.received.length;
    const [answer] = await ctx.attacker.push(attack.via, [doc]);
    out.set(attack.name, { ...answer!, attack, by: ctx.attacker.org, smsBefore });
  }
  return out;
}

/**
 * The four things every refused write must show (issue 12): the hub answered this revision
 * `forbidden` with the rule's reason, never a 5xx or a failed batch; the hub's store and every
 * hall's replica lack it (the caller has let sync catch up past it); no hall sent an SMS since;
 * and the hub's audit log has it as refused, with the reason the writer was told.
 */
export async function expectRefused(d: AttackDistrict, o: Outcome): Promise<void> {
  const { attack } = o;
  expect(o.status, `${attack.name}: status`).toBe(attack.via === 'put' ? 403 : 201);
  expect(o.failure?.error, `${attack.name}: ${JSON.stringify(o.failure)}`).toBe('forbidden');
  expect(o.failure?.reason ?? '', `${attack.name}: reason`).toMatch(attack.reason);
  expect(await d.hubHas(o.id, o.rev), `${attack.name}: in the hub's store`).toBeUndefined();
  expect(await d.holders(o.id, o.rev), `${attack.name}: halls holding it`).toEqual([]);
  expect(
    d.sms.received.slice(o.smsBefore).map((s) => s.body),
    `${attack.name}: SMS sent since`,
  ).toEqual([]);
  const logged = d.auditWrites().filter((e) => e.id === o.id && e.rev === o.rev);
  expect(
    logged.map((e) => ({ decision: e.decision, reason: e.reason, org: e.node.org })),
    `${attack.name}: audit log`,
  ).toEqual([{ decision: 'refused', reason: o.failure!.reason, org: o.by }]);
}
