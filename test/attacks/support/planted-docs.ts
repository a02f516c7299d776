import type { Store } from '../../../hub/store/store.js';
import {
  caseRatingSubject,
  foldCase,
  ratingDocId,
  renderNotice,
  type CaseDoc,
  type NoticeDoc,
  type RatingDoc,
} from '../../../sync/index.js';
import { OTHER_APPLICANT } from '../../support/fixtures.js';
import { A, V } from './attack-district.js';
import type { Forged } from './attacker.js';
import type { AttackContext } from './expect-refused.js';
import { appended, eventBy, newCase } from './forge.js';
import { by, proven, residentRecord } from './forge-docs.js';

/** Someone the victim station never served: a planted register record is the only one it could prefill from. */
export const STRANGER = { ...OTHER_APPLICANT, name: '钱五', phone: '13711112222' };

/** What a stolen station key plants in the hub's store around the gateway, as an old hub or a restored backup would hold it. */
export interface Planted {
  /** A case "accepted online" at the victim station for its resident, every event signed by the thief. */
  caseAtVictim: Forged;
  /** A case of the thief's own station naming the victim station among its parties. */
  injectedCase: Forged;
  /** A register record (一表一库) at the victim station. */
  record: Forged;
  /** A pending notice at the victim station about its resident's case. */
  notice: Forged;
  /** A 差评 of a case the victim station completed. */
  rating: Forged;
  /** The victim station's genuine case with events in its clerk's name appended. */
  events: Forged;
  /** The thief's own station's rating invitation, its link to another site. */
  invite: Forged;
}

/** The planted documents, forged from what the store holds. */
export async function plantedDocs(ctx: AttackContext, store: Store): Promise<Planted> {
  const { signer } = ctx.attacker;
  const held = async (id: string) => (await store.get(id, { revs: true }))!;
  const victim = (await held(`case:${ctx.story.victim}`)) as unknown as CaseDoc;
  const unrated = foldCase((await held(`case:${ctx.story.victimUnrated}`)) as unknown as CaseDoc);
  const online = victim.events[0]!;
  const caseAtVictim = newCase(signer, victim, {
    scope: V,
    writer: A,
    acceptance: { actor: online.actor, channel: 'online' },
  });
  const injectedCase = newCase(signer, victim, { scope: A, writer: A, parties: [A, V] });
  const record = await residentRecord(signer, { scope: V, writer: A, applicant: STRANGER });

  const params = { queryCode: unrated.queryCode, matter: unrated.matterName };
  const completedId = unrated.events.find((e) => e.kind === 'completed')!.id;
  const notice: NoticeDoc = {
    _id: `notice:${unrated.id}:${completedId}-again`,
    type: 'notice',
    scope: V,
    parties: [V],
    ...by(V),
    caseId: unrated.id,
    template: 'case.completed',
    phone: unrated.applicant.phone,
    params,
    text: renderNotice('case.completed', params, ctx.d.node(V).services.reference.orgName(V))!,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
  };
  const subject = caseRatingSubject(unrated)!;
  const rating: RatingDoc = {
    _id: ratingDocId(subject),
    type: 'rating',
    kind: 'rating',
    scope: V,
    parties: unrated.parties,
    ...by(V),
    subject,
    level: 'very-dissatisfied',
    comment: '极差',
    channel: 'device',
    ratedAt: new Date().toISOString(),
    followUpBy: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };

  const own = (await held(`case:${ctx.story.completedByStreet}`)) as unknown as CaseDoc;
  const link = `https://hallnet-pingjia.example.com/rate/${Buffer.from(JSON.stringify({ k: 'case', id: ctx.story.completedByStreet, via: 'sms', exp: 2e9, n: 'planted' })).toString('base64url')}.${'x'.repeat(43)}`;
  const inviteParams = { queryCode: own.queryCode, matter: own.matterName, link };
  const invite: NoticeDoc = {
    _id: `notice:${ctx.story.completedByStreet}:rating-invite`,
    type: 'notice',
    scope: A,
    parties: [A],
    ...by(A),
    caseId: ctx.story.completedByStreet,
    template: 'case.rating-invite',
    phone: own.applicant.phone,
    params: inviteParams,
    text: renderNotice('case.rating-invite', inviteParams, ctx.d.node(A).services.reference.orgName(A))!,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
  };

  return {
    caseAtVictim,
    injectedCase,
    record,
    notice: proven(signer, notice as unknown as Forged),
    rating: proven(signer, rating as unknown as Forged),
    events: appended(signer, victim as unknown as Record<string, unknown>, [
      eventBy(V, { kind: 'material-received', materialId: 'id-card', note: '补交' }),
      eventBy(V, { kind: 'delivered', method: 'window' }),
    ]),
    invite: proven(signer, invite as unknown as Forged),
  };
}
