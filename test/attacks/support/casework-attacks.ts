import { APPLICANT, OTHER_APPLICANT } from '../../support/fixtures.js';
import { A, ANDINGMEN, JINGSHAN, V } from './attack-district.js';
import { nextRev } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { appended, eventBy, newCase } from './forge.js';
import { by, materialOf, residentRecord } from './forge-docs.js';
import { RESTAURANT } from './legit-story.js';

const own = (ctx: AttackContext) => ctx.attacker.read(`case:${ctx.story.completedByStreet}`);
/** The staged matter's case the station accepted (并联审批 by the district's departments). */
const stagedCase = (ctx: AttackContext) => ctx.attacker.read(`case:${ctx.story.staged}`);
/** The victim's case as the hub holds it: the attacker cannot read it, but may know all about it. */
const victimCase = async (ctx: AttackContext) => (await ctx.d.district.hub!.store.get(`case:${ctx.story.victim}`))!;

/** Each casework type written into a hall of another street, parties injected, scopes outside the writer. */
export const CASEWORK_ATTACKS: Attack[] = [
  {
    name: 'a case accepted "at" a station of another street',
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside dongcheng\/jingshan\/huangchenggen/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: V, writer: A }),
  },
  {
    name: 'a case "at" the own street office, above the station',
    via: 'put',
    reason: /scope dongcheng\/jingshan is outside/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: JINGSHAN, writer: A }),
  },
  {
    name: 'party injection: the own station as one party among a station of another street',
    via: 'pouch',
    reason: /a new case's parties are its hall and where its own events sent it/,
    forge: async (ctx) => newCase(ctx.attacker.signer, await own(ctx), { scope: A, writer: A, parties: [A, V] }),
  },
  {
    name: 'party injection by a "forwarding" sideways to a station of another street',
    via: 'bulk',
    reason: /forwarding to dongcheng\/andingmen\/guozijian: only upward/,
    forge: async (ctx) =>
      newCase(ctx.attacker.signer, await own(ctx), {
        scope: A,
        writer: A,
        parties: [A, V],
        more: () => [eventBy(A, { kind: 'forwarded', to: V })],
      }),
  },
  {
    name: 'party injection by a "forwarding" to another street office',
    via: 'put',
    reason: /forwarding to dongcheng\/andingmen: only upward/,
    forge: async (ctx) =>
      newCase(ctx.attacker.signer, await own(ctx), {
        scope: A,
        writer: A,
        parties: [A, ANDINGMEN],
        more: () => [eventBy(A, { kind: 'forwarded', to: ANDINGMEN })],
      }),
  },
  {
    name: 'party injection into a case the station holds: the other street added to its parties',
    via: 'bulk',
    reason: /party dongcheng\/andingmen\/guozijian was not made one by forwarding/,
    forge: async (ctx) => {
      const held = await own(ctx);
      return nextRev(held, { ...held, ...by(A), parties: [...(held.parties as string[]), V] });
    },
  },
  {
    name: 'an event appended to the other street\'s case: a paper "taken in" at the station',
    via: 'bulk',
    // The station cannot read that case, so the hub judges the write as if nothing were held
    // (its reasons tell no station whether a document exists): a case the station did not accept.
    reason: /is not signed by the writing node/,
    forge: async (ctx) =>
      appended(
        ctx.attacker.signer,
        (await ctx.d.district.hub!.store.get(`case:${ctx.story.victim}`, { revs: true }))!,
        [eventBy(A, { kind: 'material-received', materialId: 'id-card', note: '已收原件' })],
      ),
  },
  {
    name: 'a resident record (一表一库) kept "at" a station of another street',
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: (ctx) =>
      residentRecord(ctx.attacker.signer, { scope: V, writer: A, applicant: { ...APPLICANT, phone: '13666666666' } }),
  },
  {
    name: 'a resident record of the station sent on to a station of another street',
    via: 'pouch',
    reason: /a register record stays in its hall/,
    forge: (ctx) =>
      residentRecord(ctx.attacker.signer, { scope: A, writer: A, parties: [A, V], applicant: OTHER_APPLICANT }),
  },
  {
    name: "a resident record of the station under the id of the other station's record",
    via: 'put',
    reason: /a register record's id is its hall and applicant/,
    forge: (ctx) => residentRecord(ctx.attacker.signer, { scope: A, writer: A, idOf: V, applicant: APPLICANT }),
  },
  {
    name: "a material of the other street's case, kept there",
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: async (ctx) =>
      materialOf(ctx.attacker.signer, {
        caseId: ctx.story.victim,
        scope: V,
        writer: A,
        parties: (await victimCase(ctx)).parties as string[],
      }),
  },
  {
    name: "a material of the other street's case, scoped to the station",
    via: 'pouch',
    reason: /dongcheng\/jingshan\/huangchenggen is not involved in case/,
    forge: (ctx) => materialOf(ctx.attacker.signer, { caseId: ctx.story.victim, scope: A, writer: A, parties: [A] }),
  },
  {
    name: "a material of the station's own case sent on to a station of another street",
    via: 'bulk',
    reason: /party dongcheng\/andingmen\/guozijian is not a party of the case/,
    forge: (ctx) =>
      materialOf(ctx.attacker.signer, {
        caseId: ctx.story.completedByStreet,
        scope: A,
        writer: A,
        parties: [A, JINGSHAN, V],
      }),
  },
  {
    name: 'a staged matter accepted, its first stage started and the case completed at once, before any department approved',
    via: 'bulk',
    reason: /completed before every approval stage of the matter's ran and approved/,
    forge: async (ctx) => {
      const like = await stagedCase(ctx);
      const stage = ctx.d.node(A).services.reference.catalogue.get(RESTAURANT)!.stages![0]!;
      return newCase(ctx.attacker.signer, like, {
        scope: A,
        writer: A,
        parties: [A, ...stage.departments],
        more: () => [
          eventBy(A, { kind: 'stage-started', stage: 0, name: stage.name, departments: stage.departments }),
          eventBy(A, { kind: 'completed', result: '准予许可' }),
        ],
      });
    },
  },
  {
    name: 'a case returned (退回补正) to a station of another street, which never held it',
    via: 'pouch',
    reason: /returning to dongcheng\/andingmen\/guozijian: only to a hall below the office holding the case/,
    forge: async (ctx) =>
      newCase(ctx.attacker.signer, await own(ctx), {
        scope: A,
        writer: A,
        more: () => [eventBy(A, { kind: 'returned', to: V, note: '请补正', materials: ['id-card'] })],
      }),
  },
];
