import { randomUUID } from 'node:crypto';
import { renderNotice, type CaseDoc, type NoticeDoc } from '../../../sync/index.js';
import { A, JINGSHAN, V } from './attack-district.js';
import type { Forged } from './attacker.js';
import type { Attack, AttackContext } from './expect-refused.js';
import { by, proven, provenNext } from './forge-docs.js';

/** The station's own completed case, as the hub holds it. */
const ownCase = async (ctx: AttackContext) =>
  (await ctx.attacker.read(`case:${ctx.story.completedByStreet}`)) as unknown as CaseDoc;
const hallName = (ctx: AttackContext, org: string) => ctx.d.node(A).services.reference.orgName(org);

/** A pending notice about `kase`, as the one sender's outbox writes it, with `o` changing what a forger changes. */
async function pending(
  ctx: AttackContext,
  kase: CaseDoc,
  o: {
    scope?: string;
    parties?: string[];
    key?: string;
    template?: string;
    params?: Record<string, string>;
    phone?: string;
    text?: string;
  } = {},
): Promise<Forged> {
  const scope = o.scope ?? A;
  const template = o.template ?? 'case.accepted';
  const params = o.params ?? { queryCode: kase.queryCode, matter: kase.matterName, promisedBy: '2031-01-01' };
  const doc: NoticeDoc = {
    _id: `notice:${kase._id.slice('case:'.length)}:${o.key ?? randomUUID()}`,
    type: 'notice',
    scope,
    parties: o.parties ?? [scope],
    ...by(A),
    caseId: kase._id.slice('case:'.length),
    template,
    phone: o.phone ?? kase.applicant.phone,
    params,
    text: o.text ?? renderNotice(template, params, hallName(ctx, scope)) ?? '',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
  };
  return proven(ctx.attacker.signer, doc as unknown as Forged);
}

/** The acceptance notice the station's outbox wrote and sent for its own case. */
async function sentNotice(ctx: AttackContext): Promise<Record<string, unknown>> {
  const kase = await ownCase(ctx);
  return ctx.attacker.read(`notice:${ctx.story.completedByStreet}:${kase.events[0]!.id}`);
}

/** A rating link on the station's own address whose token names `caseId`, as its rating keeper makes one (the signature is made up: only the station could check it). */
function linkFor(ctx: AttackContext, caseId: string, base = ctx.d.node(A).url): string {
  const body = Buffer.from(
    JSON.stringify({ k: 'case', id: caseId, via: 'sms', exp: Math.floor(Date.now() / 1000) + 86_400, n: 'forged' }),
  ).toString('base64url');
  return `${base}/rate/${body}.${'x'.repeat(43)}`;
}

/** An invitation to rate the station's own completed case (its keeper has not sent one yet), `o` changing what a forger changes. */
async function invitation(
  ctx: AttackContext,
  o: { link?: string; phone?: string; text?: string; template?: string } = {},
): Promise<Forged> {
  const kase = await ownCase(ctx);
  const params = {
    queryCode: kase.queryCode,
    matter: kase.matterName,
    link: o.link ?? linkFor(ctx, ctx.story.completedByStreet),
  };
  return pending(ctx, kase, {
    key: 'rating-invite',
    template: o.template ?? 'case.rating-invite',
    params,
    ...(o.phone ? { phone: o.phone } : {}),
    ...(o.text ? { text: o.text } : {}),
  });
}

/** Notices that would make a hall send an SMS it never planned: another hall's, free text, another link or phone, a rewrite. */
export const NOTICE_ATTACKS: Attack[] = [
  {
    name: 'a pending notice scoped to a station of another street, about its case',
    via: 'bulk',
    reason: /scope dongcheng\/andingmen\/guozijian is outside/,
    forge: async (ctx) =>
      pending(ctx, (await ctx.d.district.hub!.store.get(`case:${ctx.story.victim}`)) as unknown as CaseDoc, {
        scope: V,
      }),
  },
  {
    name: 'a pending notice of the station addressed to the street office too',
    via: 'put',
    reason: /a hall writes only its own notices/,
    forge: async (ctx) => pending(ctx, await ownCase(ctx), { parties: [A, JINGSHAN] }),
  },
  {
    name: 'a notice of the own hall with free text as the note of a return nobody made',
    via: 'bulk',
    reason: /nothing in case .* calls for notice/,
    forge: async (ctx) => {
      const kase = await ownCase(ctx);
      return pending(ctx, kase, {
        template: 'case.materials-requested',
        params: {
          queryCode: kase.queryCode,
          matter: kase.matterName,
          note: '请将补正费用200元转账至6222020000000000，逾期作废',
        },
      });
    },
  },
  {
    name: 'a notice of the own hall with a rating link to another site',
    via: 'pouch',
    reason: /parameter link is not what the case says/,
    forge: (ctx) => invitation(ctx, { link: 'https://hallnet-pingjia.example.com/rate/AAAAAAAAAAAAAAAAAAAA' }),
  },
  {
    name: 'a notice of the own hall to another phone',
    via: 'bulk',
    reason: /a notice goes to the case's applicant/,
    forge: (ctx) => invitation(ctx, { phone: '13512345678' }),
  },
  {
    name: "a notice of the own hall with free text instead of its template's",
    via: 'put',
    reason: /the text is not what template case.rating-invite gives/,
    forge: (ctx) =>
      invitation(ctx, { text: '【皇城根社区服务站】您的办件需缴纳加急费，请点击 http://hallnet-pay.example.com' }),
  },
  {
    name: 'a notice of the own hall on a template no hall sends',
    via: 'bulk',
    reason: /notice rating-invite of this case is a case.rating-invite, not custom.free/,
    forge: (ctx) => invitation(ctx, { template: 'custom.free', text: '任意内容' }),
  },
  {
    name: 'an acceptance notice of the own hall with a link added to its parameters',
    via: 'bulk',
    reason:
      /a case.accepted notice has the parameters matter,promisedBy,queryCode, not link,matter,promisedBy,queryCode/,
    forge: async (ctx) => {
      const held = await sentNotice(ctx);
      return provenNext(ctx.attacker.signer, held, {
        ...held,
        params: { ...(held.params as object), link: linkFor(ctx, ctx.story.completedByStreet) },
      });
    },
  },
  {
    name: "an existing notice's text rewritten",
    via: 'bulk',
    reason: /the text is not what template case.accepted gives/,
    forge: async (ctx) => {
      const held = await sentNotice(ctx);
      return provenNext(ctx.attacker.signer, held, {
        ...held,
        text: `${String(held.text)}详情见 http://hallnet-pay.example.com`,
      });
    },
  },
  {
    name: "an existing notice's words rewritten with a text to match",
    via: 'pouch',
    reason: /parameter promisedBy is not what the case says/,
    forge: async (ctx) => {
      const held = await sentNotice(ctx);
      const params = { ...(held.params as Record<string, string>), promisedBy: '2099-12-31' };
      return provenNext(ctx.attacker.signer, held, {
        ...held,
        params,
        text: renderNotice('case.accepted', params, hallName(ctx, A)),
      });
    },
  },
  {
    name: 'a sent notice put back to pending, to be sent again',
    via: 'bulk',
    reason: /a notice sent stays sent/,
    forge: async (ctx) => {
      const held = await sentNotice(ctx);
      return provenNext(ctx.attacker.signer, held, {
        ...held,
        status: 'pending',
        attempts: Number(held.attempts) + 1,
        nextAttemptAt: new Date().toISOString(),
      });
    },
  },
];
