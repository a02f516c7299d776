import { generateKeyPairSync } from 'node:crypto';
import type { CaseDoc, CaseEvent } from '../../../sync/index.js';
import { NodeSigner } from '../../../sync/node-only.js';
import { A, JINGSHAN, V } from './attack-district.js';
import { earlierRevision, nextRev, revHash, type Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { appended, eventBy, rewritten } from './forge.js';
import { by } from './forge-docs.js';

/** The case the station accepted, forwarded to its street and the street completed: the station holds it legitimately. */
const held = (ctx: AttackContext) => ctx.attacker.read(`case:${ctx.story.completedByStreet}`);
/** A paper taken in after completion: an event the station may append to a closed case it holds. */
const lateMaterial = (org = A) =>
  eventBy(org, { kind: 'material-received', materialId: 'id-card', note: '补交复印件' });
const strangerKey = new NodeSigner(
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
);

/** The first revision of a held case: the acceptance alone, its hall the one party. */
const firstRevision = (latest: Record<string, unknown> & { _id: string }): Forged =>
  earlierRevision(latest, 1, [(latest as unknown as CaseDoc).scope]);

/** A branch off a case's first revision: the station's clerk refuses it a millisecond after accepting it, signed by the attacker's key. */
async function refusedJustAfterAcceptance(ctx: AttackContext, latest: Record<string, unknown> & { _id: string }) {
  const first = firstRevision(latest);
  const [acceptance] = (first as unknown as CaseDoc).events;
  const dated = new Date(Date.parse(acceptance!.at) + 1).toISOString();
  return appended(ctx.attacker.signer, first, [eventBy(A, { kind: 'rejected', reason: '材料不全' }, dated)]);
}

/** A case's next revision with the (signed) event `e` appended as the forger made it. */
function withEvent(h: Record<string, unknown>, e: CaseEvent): Forged {
  const doc = h as unknown as CaseDoc;
  return nextRev(h, { ...doc, ...by(A), events: [...doc.events, e] });
}

/** The history of a case the station holds: dropped, altered, reordered, disowned, deleted, grafted. */
export const HISTORY_ATTACKS: Attack[] = [
  {
    name: "dropping the station's own forwarding from the log",
    via: 'bulk',
    reason: /of the revision replaced is missing: a case only grows/,
    forge: async (ctx) => rewritten(await held(ctx), (es) => es.filter((e) => e.kind !== 'forwarded')),
  },
  {
    name: 'a revision without the street\'s completion (back to "processing")',
    via: 'pouch',
    reason: /of the revision replaced is missing: a case only grows/,
    forge: async (ctx) => rewritten(await held(ctx), (es) => es.filter((e) => e.actor.org !== JINGSHAN)),
  },
  {
    name: "the street's completion result altered",
    via: 'put',
    reason: /differs from the one held: earlier events never change/,
    forge: async (ctx) =>
      rewritten(await held(ctx), (es) => es.map((e) => (e.kind === 'completed' ? { ...e, result: '不予办理' } : e))),
  },
  {
    name: "the station's own acceptance altered (papers it never received)",
    via: 'bulk',
    reason: /differs from the one held/,
    forge: async (ctx) =>
      rewritten(await held(ctx), (es) => es.map((e) => (e.kind === 'accepted' ? { ...e, received: [] } : e))),
  },
  {
    name: 'earlier events reordered: completion before the forwarding',
    via: 'bulk',
    reason: /earlier events must keep their order/,
    forge: async (ctx) => rewritten(await held(ctx), (es) => [es[0]!, ...es.slice(1).reverse()]),
  },
  {
    name: "an event naming the street office's clerk as actor",
    via: 'pouch',
    reason: /names dongcheng\/jingshan, outside dongcheng\/jingshan\/huangchenggen/,
    forge: async (ctx) => appended(ctx.attacker.signer, await held(ctx), [lateMaterial(JINGSHAN)]),
  },
  {
    name: "an event naming a clerk of the other street's station as actor",
    via: 'bulk',
    reason: /names dongcheng\/andingmen\/guozijian, outside/,
    forge: async (ctx) => appended(ctx.attacker.signer, await held(ctx), [lateMaterial(V)]),
  },
  {
    name: 'an event signed with another key',
    via: 'put',
    reason: /is not signed by the writing node/,
    forge: async (ctx) => appended(strangerKey, await held(ctx), [lateMaterial()]),
  },
  {
    name: "an event with the station's key id and a broken signature",
    via: 'bulk',
    reason: /signature does not verify/,
    forge: async (ctx) => {
      const h = await held(ctx);
      const [e] = ctx.attacker.signer.signEvents(String(h._id), h as unknown as CaseDoc, [lateMaterial()]);
      return withEvent(h, { ...e!, sig: `${e!.sig.slice(0, -6)}AAAAAA` });
    },
  },
  {
    name: 'an event moved from another case the station signed',
    via: 'bulk',
    reason: /signature does not verify/,
    forge: async (ctx) => {
      const other = (await ctx.attacker.read(`case:${ctx.story.forwarded}`)) as unknown as CaseDoc;
      return withEvent(await held(ctx), other.events.find((e) => e.kind === 'material-received')!);
    },
  },
  {
    name: 'a second acceptance appended to a case still open',
    via: 'bulk',
    reason: /accepted by dongcheng\/jingshan\/huangchenggen: 重复受理/,
    forge: async (ctx) =>
      appended(ctx.attacker.signer, await ctx.attacker.read(`case:${ctx.story.forwarded}`), [
        eventBy(A, {
          kind: 'accepted',
          channel: 'window',
          received: [],
          missing: [],
          promisedBy: new Date().toISOString(),
        }),
      ]),
  },
  {
    name: 'a refusal appended after the street completed the case',
    via: 'put',
    reason: /rejected by dongcheng\/jingshan\/huangchenggen: 办件已结束后的决定/,
    forge: async (ctx) =>
      appended(ctx.attacker.signer, await held(ctx), [eventBy(A, { kind: 'rejected', reason: '材料造假' })]),
  },
  {
    name: "the case's applicant rewritten",
    via: 'pouch',
    reason: /a case's scope, matter and applicant never change/,
    forge: async (ctx) => {
      const h = await held(ctx);
      return nextRev(h, { ...h, ...by(A), applicant: { ...(h.applicant as object), name: '李四' } });
    },
  },
  {
    name: 'deletion after completion: the case tombstoned',
    via: 'bulk',
    reason: /a case is never deleted/,
    forge: async (ctx) => {
      const h = await held(ctx);
      return nextRev(h, { _id: h._id, _deleted: true });
    },
  },
  {
    name: 'deletion after completion, by stock PouchDB',
    via: 'pouch',
    reason: /a case is never deleted/,
    forge: async (ctx) => {
      const h = await held(ctx);
      return nextRev(h, { _id: h._id, _deleted: true });
    },
  },
  {
    name: "an old revision's content pushed again as the newest",
    via: 'put',
    reason: /of the revision replaced is missing/,
    forge: async (ctx) => rewritten(await held(ctx), (es) => es.slice(0, 1)),
  },
  {
    name: 'a conflicting branch with a huge generation (_revisions.start 10^6) grafted on',
    via: 'bulk',
    reason: /revision does not descend from any revision held under this id/,
    forge: async (ctx) => {
      const h = await held(ctx);
      const ids = Array.from({ length: 3 }, revHash);
      const doc = appended(ctx.attacker.signer, h, [lateMaterial()]);
      return { ...doc, _rev: `1000000-${ids[0]}`, _revisions: { start: 1_000_000, ids } };
    },
  },
  {
    name: 'a branch cut from before its own forwarding, deciding the case itself, dated just after the acceptance',
    via: 'bulk',
    reason: /this node signed is missing: a node writes on its own events/,
    forge: async (ctx) => refusedJustAfterAcceptance(ctx, await held(ctx)),
  },
  {
    name: 'a branch off the first revision naming the station alone as party, its forwarding to the street kept',
    via: 'bulk',
    reason: /party dongcheng\/jingshan is missing: the case's own events made it one/,
    forge: async (ctx) => {
      const latest = await ctx.attacker.read(`case:${ctx.story.forwarded}`);
      const first = firstRevision(latest);
      return appended(ctx.attacker.signer, { ...first, events: latest.events, parties: [A] }, [lateMaterial()]);
    },
  },
  {
    name: 'an empty branch off the first revision (conflicts for every read to merge)',
    via: 'bulk',
    reason: /a revision beside the live ones adds an event/,
    forge: async (ctx) => {
      const first = firstRevision(await held(ctx));
      return nextRev(first, { ...first, ...by(A) });
    },
  },
  {
    name: 'a revision of generation 999 without its history (it would win the winner pick)',
    via: 'bulk',
    reason: /a revision after the first carries its history/,
    forge: async (ctx) => {
      const { _revisions: _h, ...doc } = appended(ctx.attacker.signer, await held(ctx), [lateMaterial()]);
      void _h;
      return { ...doc, _rev: `999-${revHash()}` };
    },
  },
  {
    name: 'a first revision without history beside the held one (a second root)',
    via: 'bulk',
    reason: /revision does not descend from any revision held under this id/,
    forge: async (ctx) => {
      const { _revisions: _h, ...doc } = rewritten(await held(ctx), (es) => es.filter((e) => e.kind !== 'completed'));
      void _h;
      return { ...doc, _rev: `1-${revHash()}` };
    },
  },
  {
    name: 'a history that repeats one revision hash',
    via: 'bulk',
    reason: /_revisions repeats a revision/,
    forge: async (ctx) => {
      const doc = appended(ctx.attacker.signer, await held(ctx), [lateMaterial()]);
      const { start, ids } = doc._revisions as { start: number; ids: string[] };
      return { ...doc, _revisions: { start, ids: [ids[0]!, ...ids.slice(1).map(() => ids[1]!)] } };
    },
  },
  {
    name: 'a second history not descending from any held revision',
    via: 'pouch',
    reason: /revision does not descend from any revision held under this id/,
    forge: async (ctx) => {
      const h = await held(ctx);
      const ids = [revHash(), revHash()];
      return {
        ...rewritten(h, (es) => es.filter((e) => e.kind !== 'completed')),
        _rev: `2-${ids[0]}`,
        _revisions: { start: 2, ids },
      };
    },
  },
];

/**
 * The station's street, its genuine key in an attacker's hands (`ctx.attacker` is the street): a
 * node may act for an office below it, so it may sign events naming the station's clerk.
 */
export const ACTING_FOR_ATTACKS: Attack[] = [
  {
    name: 'a refusal as its station, on a branch cut from before the station forwarded the case to the district, dated just after the acceptance',
    via: 'bulk',
    reason: /is missing: a node acting for an office writes on that office's events/,
    forge: async (ctx) => refusedJustAfterAcceptance(ctx, await ctx.attacker.read(`case:${ctx.story.staged}`)),
  },
];
