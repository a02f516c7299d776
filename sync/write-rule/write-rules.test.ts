import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../china-date.js';
import type { CaseDoc, UnsignedCaseEvent } from '../case.js';
import type { Matter } from '../matter.js';
import { renderNotice } from '../notice-templates.js';
import { residentDocId } from '../resident.js';
import {
  actor,
  append,
  context,
  DHM,
  DSK,
  heldAs,
  HCG,
  JS,
  M1,
  newCase,
  next,
  now,
  POLICE,
  signer,
  writer,
} from './rule-test-kit.js';
import { DEFAULT_WRITE_BOUNDS } from './write-bounds.js';
import type { Held } from './write-context.js';
import { checkWrite } from './write-rules.js';

describe('the write rule for cases', () => {
  let base: CaseDoc;
  beforeAll(() => {
    base = newCase(HCG);
  });

  it('admits a case its own hall accepted and signed, refuses it from anyone else or with a party it did not forward to', async () => {
    expect(await checkWrite(writer(HCG), base, undefined, context())).toEqual({ ok: true });
    expect(await checkWrite(writer(JS), base, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not signed by the writing node'),
    });
    expect(await checkWrite(writer(DHM), newCase(DSK, DHM), undefined, context())).toEqual({ ok: true });
    expect(await checkWrite(writer(DSK), { ...newCase(DSK), scope: HCG }, undefined, context())).toMatchObject({
      ok: false,
    });
    expect(await checkWrite(writer(HCG), { ...base, parties: [HCG, DSK] }, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('parties'),
    });
  });

  it('admits appending a signed event and refuses dropping, altering or reordering earlier ones', async () => {
    const two = append(base, HCG, { kind: 'material-received', materialId: 'm1' });
    const three = append(two, HCG, { kind: 'material-received', materialId: 'm2' });
    const held = heldAs(two);
    expect(await checkWrite(writer(HCG), next(three), held, context())).toEqual({ ok: true });
    const dropped = { ...three, events: [three.events[0]!, three.events[2]!] };
    expect(await checkWrite(writer(HCG), next(dropped), held, context())).toMatchObject({ ok: false });
    const altered = {
      ...three,
      events: [three.events[0]!, { ...three.events[1]!, at: '2020-01-01T00:00:00.000Z' }, three.events[2]!],
    };
    expect(await checkWrite(writer(HCG), next(altered), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('differs'),
    });
    const reordered = { ...three, events: [three.events[1]!, three.events[0]!, three.events[2]!] };
    expect(await checkWrite(writer(HCG), next(reordered), held, context())).toMatchObject({ ok: false });
    const newApplicant = { ...three, applicant: { ...three.applicant, name: '李四' } };
    expect(await checkWrite(writer(HCG), next(newApplicant), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never change'),
    });
  });

  it('refuses events signed by another node, naming an office outside the writer, or with a broken signature', async () => {
    const held = heldAs(base);
    const byStreetKey = append(base, HCG, { kind: 'material-received', materialId: 'm1' }, JS);
    expect(await checkWrite(writer(HCG), next(byStreetKey), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not signed by the writing node'),
    });
    const foreignActor = append(base, DHM, { kind: 'material-received', materialId: 'm1' }, HCG);
    expect(await checkWrite(writer(HCG), next(foreignActor), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside'),
    });
    const good = append(base, HCG, { kind: 'material-received', materialId: 'm1' });
    const forged = { ...good, events: [base.events[0]!, { ...good.events[1]!, materialId: 'm9' }] };
    expect(await checkWrite(writer(HCG), next(forged), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature'),
    });
  });

  it('lets only the responsible office decide: after forwarding, the community may no longer complete', async () => {
    const forwarded = append(base, HCG, { kind: 'forwarded', to: JS });
    const held = heldAs(forwarded);
    const completedByCommunity = append(forwarded, HCG, { kind: 'completed' });
    expect(await checkWrite(writer(HCG), next(completedByCommunity), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('completed'),
    });
    const completedByStreet = append(forwarded, JS, { kind: 'completed' });
    expect(await checkWrite(writer(JS), next(completedByStreet), held, context())).toEqual({ ok: true });
  });

  it('grows parties only by forwarding upward to an office the matter allows', async () => {
    const held = heldAs(base);
    expect(
      await checkWrite(writer(HCG), next(append(base, HCG, { kind: 'forwarded', to: JS })), held, context()),
    ).toEqual({ ok: true });
    expect(
      await checkWrite(writer(HCG), next(append(base, HCG, { kind: 'forwarded', to: DHM })), held, context()),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('upward') });
    expect(
      await checkWrite(
        writer(HCG),
        next(append(base, HCG, { kind: 'forwarded', to: 'dongcheng/dept/health' })),
        held,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('does not handle') });
    const injected = { ...append(base, HCG, { kind: 'material-received', materialId: 'm1' }), parties: [HCG, DSK] };
    expect(await checkWrite(writer(HCG), next(injected), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('party'),
    });
  });

  it("refuses a street acting as its station on a branch cut from before the station's forwarding, admits it on the case as it stands", async () => {
    const forwarded = append(base, HCG, { kind: 'forwarded', to: JS });
    const held: Held = {
      leaves: [{ rev: '2-f', deleted: false, body: forwarded as never }],
      knownRevs: new Set(['1-a', '2-f']),
    };
    // The street's key, its station's clerk named as actor, off the acceptance alone: a refusal the station never wrote.
    const branch = append(base, HCG, { kind: 'rejected', reason: '材料不全' }, JS);
    expect(await checkWrite(writer(JS), next(branch, '2-s', '1-a'), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining(
        `of ${HCG} is missing: a node acting for an office writes on that office's events`,
      ),
    });
    // On the case as it stands, the station's clerk at the street's node takes in paper: admitted.
    const paper = append(forwarded, HCG, { kind: 'material-received', materialId: 'm2' }, JS);
    expect(await checkWrite(writer(JS), next(paper, '3-s', '2-f'), held, context())).toEqual({ ok: true });
  });

  it("refuses a revision listing its own withdrawal before the street's concurrent rejection, admits the merge's order", async () => {
    const forwarded = append(base, HCG, { kind: 'forwarded', to: JS });
    const rejected = append(forwarded, JS, { kind: 'rejected', reason: '不符合条件' });
    const withdrawn = append(forwarded, HCG, { kind: 'withdrawn', reason: '申请人撤回' });
    const held: Held = {
      leaves: [
        { rev: '3-r', deleted: false, body: rejected as never },
        { rev: '3-w', deleted: false, body: withdrawn as never },
      ],
      knownRevs: new Set(['1-a', '2-f', '3-r', '3-w']),
    };
    const [rejection] = rejected.events.slice(-1);
    const [withdrawal] = withdrawn.events.slice(-1);
    // A child of the station's own branch with no event of its own: the rejection listed after the withdrawal.
    const reordered = { ...withdrawn, events: [...withdrawn.events, rejection!] };
    expect(await checkWrite(writer(HCG), next(reordered, '4-x', '3-w'), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('keep the order the merge gives them'),
    });
    // The merge puts the street's act first: the station writes on that, as every node reads it.
    const merged = { ...withdrawn, events: [...forwarded.events, rejection!, withdrawal!] };
    const paper = append(merged, HCG, { kind: 'material-received', materialId: 'm2' });
    expect(await checkWrite(writer(HCG), next(paper, '4-m', '3-w'), held, context())).toEqual({ ok: true });
  });

  it('refuses a branch naming fewer parties than its own events made, and a return to an office that never held the case', async () => {
    const forwarded = append(base, HCG, { kind: 'forwarded', to: JS });
    const held: Held = {
      leaves: [{ rev: '2-f', deleted: false, body: forwarded as never }],
      knownRevs: new Set(['1-a', '2-f']),
    };
    const paper = append(forwarded, HCG, { kind: 'material-received', materialId: 'm2' });
    const hidden = { ...append(base, HCG, { kind: 'material-received', materialId: 'm2' }), parties: [HCG] };
    // Off the first revision, beside the forwarding, its own forwarding kept but the street left out of its parties.
    const branch = { ...hidden, events: [...forwarded.events, hidden.events.at(-1)!] };
    expect(await checkWrite(writer(HCG), next(branch, '2-h', '1-a'), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`party ${JS} is missing`),
    });
    expect(await checkWrite(writer(HCG), next(paper, '3-p', '2-f'), held, context())).toEqual({ ok: true });
    const away = append(forwarded, JS, { kind: 'returned', to: DSK, note: '补正', materials: ['m1'] });
    expect(await checkWrite(writer(JS), next(away, '3-r', '2-f'), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining(`returning to ${DSK}`),
    });
    const back = append(forwarded, JS, { kind: 'returned', to: HCG, note: '补正', materials: ['m1'] });
    expect(await checkWrite(writer(JS), next(back, '3-r', '2-f'), held, context())).toEqual({ ok: true });
  });

  it('refuses completing a staged matter before its stages ran and every department approved', async () => {
    const STAGED = { ...M1, code: 'M2', stages: [{ name: '并联审批', departments: [POLICE] }] } as unknown as Matter;
    const staged = { ...newCase(HCG), matterCode: 'M2' };
    const signedStaged = { ...staged, events: signer(HCG).signEvents(staged._id, staged, staged.events as never) };
    const started = {
      ...append(signedStaged, HCG, { kind: 'stage-started', stage: 0, name: '并联审批', departments: [POLICE] }),
      parties: [HCG, POLICE],
    };
    const held = heldAs(started, '2-s');
    const early = append(started, HCG, { kind: 'completed' });
    expect(
      await checkWrite(writer(HCG), next(early, '3-c', '2-s'), held, context(undefined, [M1, STAGED])),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('并联审批'),
    });
    const approved = append(started, POLICE, { kind: 'approved', stage: 0, department: POLICE });
    const done = append(approved, HCG, { kind: 'completed' });
    const all = heldAs(approved, '3-a');
    expect(await checkWrite(writer(HCG), next(done, '4-c', '3-a'), all, context(undefined, [M1, STAGED]))).toEqual({
      ok: true,
    });
  });

  it('refuses a third branch of one case from one node while the hub has not merged its first two', async () => {
    const one = append(base, HCG, { kind: 'material-received', materialId: 'm1' });
    const two = append(one, HCG, { kind: 'material-received', materialId: 'm2' });
    const three = append(two, HCG, { kind: 'notices-opted-out' });
    const held: Held = {
      leaves: [
        { rev: '2-o', deleted: false, body: one as never },
        { rev: '3-t', deleted: false, body: two as never },
      ],
      knownRevs: new Set(['1-a', '2-o', '2-x', '3-t']),
    };
    expect(await checkWrite(writer(HCG), next(three, '2-z', '1-a'), held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('branches of the case the hub has not merged yet'),
    });
    // On one of its branches, replacing it, the node writes on; a revision appending nothing is refused.
    expect(await checkWrite(writer(HCG), next(three, '4-f', '3-t'), held, context())).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), next(two, '4-e', '3-t'), held, context())).toMatchObject({
      ok: false,
      reason: 'a case revision adds an event',
    });
  });

  it("refuses a tombstone whose history names the street's decision and the station's own branch beside it", async () => {
    const forwarded = append(base, HCG, { kind: 'forwarded', to: JS });
    const decided = append(forwarded, JS, { kind: 'rejected', reason: '不符合条件' });
    const own = append(forwarded, HCG, { kind: 'notices-opted-out' });
    const more = append(own, HCG, { kind: 'material-received', materialId: 'm2' });
    const leaf = (rev: string, ids: string[], body: object) => ({
      rev,
      deleted: false,
      body: { ...body, _rev: rev, _revisions: { start: Number(rev[0]), ids } } as never,
    });
    const held: Held = {
      leaves: [
        leaf('3-a', ['a', 'f', 'r'], decided),
        // The station's branch at generation 4 through a revision it never sent, and one more beside it keeping its events.
        leaf('4-b', ['b', 'p', 'f', 'r'], own),
        leaf('4-c', ['c', 'q', 'f', 'r'], more),
      ],
      knownRevs: new Set(['1-r', '2-f', '3-a', '3-p', '4-b', '3-q', '4-c']),
    };
    const tomb = {
      _id: base._id,
      _rev: '5-t',
      _deleted: true,
      _revisions: { start: 5, ids: ['t', 'b', 'a', 'f', 'r'] },
    };
    expect(await checkWrite(writer(HCG), tomb, held, context())).toMatchObject({
      ok: false,
      reason: 'the history names revision 4-b but not the revisions it descends from',
    });
    // A history through a held revision but ending on one the hub never held would start a second tree
    // beside the case's (the station's leaf hash one generation up, a made-up one, a held one, a made-up root).
    const phantom = { ...append(decided, HCG, { kind: 'notices-opted-out' }), _rev: '6-x' };
    const rooted = { start: 6, ids: ['x', 'b', 'y', 'p', 'z'] };
    expect(await checkWrite(writer(HCG), { ...phantom, _revisions: rooted }, held, context())).toMatchObject({
      ok: false,
      reason: "the history's oldest revision 2-z is not one held under this id",
    });
    // Through its own branch's real history, the station retires that branch: the other keeps its events.
    const honest = { ...tomb, _revisions: { start: 5, ids: ['t', 'b', 'p', 'f', 'r'] } };
    expect(await checkWrite(writer(HCG), honest, held, context())).toEqual({ ok: true });
  });

  it('refuses deleting a case, but lets a conflicting branch be retired once another revision keeps its events', async () => {
    const a = append(base, HCG, { kind: 'material-received', materialId: 'm1' });
    const held: Held = {
      leaves: [{ rev: '2-a', deleted: false, body: a as never }],
      knownRevs: new Set(['1-x', '2-a']),
    };
    const tomb = { _id: base._id, _rev: '3-t', _deleted: true, _revisions: { start: 3, ids: ['t', 'a', 'x'] } };
    expect(await checkWrite(writer(HCG), tomb, held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never deleted'),
    });
    const b = append(base, HCG, { kind: 'material-received', materialId: 'm2' });
    const merged = { ...a, events: [...a.events, b.events[1]!] };
    const both: Held = {
      leaves: [
        { rev: '2-a', deleted: false, body: a as never },
        { rev: '2-b', deleted: false, body: b as never },
        { rev: '3-m', deleted: false, body: merged as never },
      ],
      knownRevs: new Set(['1-x', '2-a', '2-b', '3-m']),
    };
    const retireB = { _id: base._id, _rev: '3-r', _deleted: true, _revisions: { start: 3, ids: ['r', 'b', 'x'] } };
    expect(await checkWrite(writer(HCG), retireB, both, context())).toEqual({ ok: true });
  });

  it('refuses a second history grafted onto a held case, an oversized one, and too many events', async () => {
    const held = heldAs(base);
    const grafted = {
      ...append(base, HCG, { kind: 'material-received', materialId: 'm1' }),
      _rev: '900-z',
      _revisions: { start: 900, ids: ['z', 'y'] },
    };
    expect(await checkWrite(writer(HCG), grafted, held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('descend'),
    });
    const huge = { ...base, applicantNote: 'x'.repeat(DEFAULT_WRITE_BOUNDS.caseBytes) };
    expect(await checkWrite(writer(HCG), huge, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('bytes'),
    });
    const longHistory = {
      ...next(append(base, HCG, { kind: 'material-received', materialId: 'm1' })),
      _revisions: { start: 1002, ids: Array.from({ length: 1002 }, (_, i) => `r${i}`) },
    };
    expect(await checkWrite(writer(HCG), longHistory, held, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('history'),
    });
  });
});

describe('the write rule for what follows a case', () => {
  const kase = newCase(HCG);
  const heldCases = new Map([[kase._id, kase]]);

  it("admits a notice only from the accepting hall, to its applicant, with its template's text, signed", async () => {
    const accepted = kase.events[0]!;
    const params = {
      queryCode: kase.queryCode,
      matter: kase.matterName,
      promisedBy: (accepted as { promisedBy: string }).promisedBy.slice(0, 10),
    };
    const notice = {
      _id: `notice:${kase._id.slice(5)}:${accepted.id}`,
      type: 'notice',
      scope: HCG,
      parties: [HCG],
      author: actor(HCG),
      at: now(),
      caseId: kase._id.slice(5),
      template: 'case.accepted',
      phone: kase.applicant.phone,
      params,
      text: renderNotice('case.accepted', params, `hall ${HCG}`)!,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now(),
    };
    expect(await checkWrite(writer(HCG), signer(HCG).prove(notice), undefined, context(heldCases))).toEqual({
      ok: true,
    });
    expect(await checkWrite(writer(HCG), notice, undefined, context(heldCases))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('proof'),
    });
    expect(
      await checkWrite(
        writer(HCG),
        signer(HCG).prove({ ...notice, text: '请点击 http://evil.example 领奖' }),
        undefined,
        context(heldCases),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('template') });
    expect(
      await checkWrite(
        writer(HCG),
        signer(HCG).prove({ ...notice, phone: '13900000000' }),
        undefined,
        context(heldCases),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('applicant') });
    const intoAnother = signer(DSK).prove({ ...notice, scope: DSK, parties: [DSK] });
    expect(await checkWrite(writer(DSK), intoAnother, undefined, context(heldCases))).toMatchObject({ ok: false });
  });

  it('admits a notice only saying what its case calls for: no free note, no other deadline, no link elsewhere, no second sending', async () => {
    const accepted = kase.events[0]!;
    const notice = (key: string, template: string, params: Record<string, string>, extra: object = {}) =>
      signer(HCG).prove({
        _id: `notice:${kase._id.slice(5)}:${key}`,
        type: 'notice',
        scope: HCG,
        parties: [HCG],
        author: actor(HCG),
        at: now(),
        caseId: kase._id.slice(5),
        template,
        phone: kase.applicant.phone,
        params,
        text: renderNotice(template, params, `hall ${HCG}`)!,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now(),
        ...extra,
      });
    const base = { queryCode: kase.queryCode, matter: kase.matterName };
    const check = (doc: Record<string, unknown>, held?: Held) => checkWrite(writer(HCG), doc, held, context(heldCases));
    const note = notice(randomUUID(), 'case.materials-requested', { ...base, note: '请转账至6222020000000000' });
    expect(await check(note)).toMatchObject({ ok: false, reason: expect.stringContaining('calls for') });
    const later = notice(accepted.id, 'case.accepted', { ...base, promisedBy: '2099-12-31' });
    expect(await check(later)).toMatchObject({ ok: false, reason: 'parameter promisedBy is not what the case says' });
    const done = append(kase, HCG, { kind: 'completed' });
    const token = (id: string) =>
      `${btoa(JSON.stringify({ k: 'case', id, via: 'sms', exp: 2e9, n: 'n' })).replaceAll('=', '')}.mac`;
    const invite = (link: string) =>
      checkWrite(
        writer(HCG),
        notice('rating-invite', 'case.rating-invite', { ...base, link }),
        undefined,
        context(new Map([[kase._id, done]])),
      );
    expect(await invite(`https://hall.example/rate/${token(kase._id.slice(5))}`)).toEqual({ ok: true });
    expect(await invite(`https://hall.example/rate/${token(randomUUID())}`)).toMatchObject({
      ok: false,
      reason: 'parameter link is not what the case says',
    });
    const sent = notice(
      accepted.id,
      'case.accepted',
      { ...base, promisedBy: (accepted as { promisedBy: string }).promisedBy.slice(0, 10) },
      { status: 'sent', attempts: 1 },
    );
    expect(await check(sent)).toEqual({ ok: true });
    const again = next(signer(HCG).prove({ ...sent, status: 'pending', attempts: 2 }));
    expect(
      await check(again, { leaves: [{ rev: '1-a', deleted: false, body: sent }], knownRevs: new Set(['1-a']) }),
    ).toMatchObject({ ok: false, reason: 'a notice sent stays sent' });
  });

  it('keeps a register record in its own hall, under the id its applicant gives', async () => {
    const applicant = kase.applicant;
    const record = {
      _id: await residentDocId(HCG, applicant.idType, applicant.idNumber),
      type: 'resident',
      scope: HCG,
      parties: [HCG],
      author: actor(HCG),
      at: now(),
      applicant,
    };
    expect(await checkWrite(writer(HCG), signer(HCG).prove(record), undefined, context())).toEqual({ ok: true });
    const planted = {
      ...record,
      _id: await residentDocId(DSK, applicant.idType, applicant.idNumber),
      scope: DSK,
      parties: [HCG, DSK],
    };
    expect(await checkWrite(writer(HCG), signer(HCG).prove(planted), undefined, context())).toMatchObject({
      ok: false,
    });
    const wrongId = { ...record, _id: await residentDocId(DSK, applicant.idType, applicant.idNumber) };
    expect(await checkWrite(writer(HCG), signer(HCG).prove(wrongId), undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('id'),
    });
  });

  it('refuses public documents from below the district and files on anything but a material', async () => {
    const org = {
      _id: `org:${DSK}`,
      type: 'organisation',
      scope: 'dongcheng',
      parties: ['dongcheng'],
      author: actor('dongcheng'),
      at: now(),
      path: DSK,
      name: 'x',
      level: 6,
      kind: 'community',
    };
    expect(await checkWrite(writer('dongcheng'), org, undefined, context())).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), { ...org, author: actor(HCG) }, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only the district'),
    });
    const withFile = {
      ...append(kase, HCG, { kind: 'material-received', materialId: 'm1' }),
      _attachments: { f: { content_type: 'text/plain', data: 'aGk=' } },
    };
    expect(await checkWrite(writer(HCG), withFile, undefined, context())).toMatchObject({ ok: false });
  });
});

describe('the write rule for daily queue summaries', () => {
  const summary = (hall: string, extra: Record<string, unknown> = {}) => ({
    _id: `queue-summary:20261123:${hall}`,
    type: 'queue-summary',
    scope: hall,
    parties: [hall],
    author: { id: `node:${hall}`, org: hall },
    at: now(),
    hall,
    day: '20261123',
    issued: 12,
    called: 10,
    finished: 9,
    noShows: 1,
    appointments: 2,
    waitMsTotal: 3_600_000,
    longestWaitMs: 900_000,
    serveMsTotal: 4_000_000,
    categories: [
      { category: 7, issued: 12, called: 10, finished: 9, noShows: 1, waitMsTotal: 3_600_000, serveMsTotal: 4_000_000 },
    ],
    final: false,
    ...extra,
  });

  it("admits a hall's own signed summary and refuses it from another hall, unsigned or under another id", async () => {
    expect(await checkWrite(writer(HCG), signer(HCG).prove(summary(HCG)), undefined, context())).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), summary(HCG), undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('proof'),
    });
    // A street writing its community's summary: the community's figures are the community's own.
    expect(await checkWrite(writer(JS), signer(JS).prove(summary(HCG)), undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('own hall'),
    });
    expect(
      await checkWrite(
        writer(HCG),
        signer(HCG).prove({ ...summary(HCG), _id: `queue-summary:20261124:${HCG}` }),
        undefined,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('id') });
    expect(
      await checkWrite(writer(HCG), signer(HCG).prove({ ...summary(HCG), parties: [HCG, JS] }), undefined, context()),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('parties') });
  });

  it('carries no personal data and counts that add up', async () => {
    const withPhone = signer(HCG).prove(summary(HCG, { phones: ['13800138000'] }));
    expect(await checkWrite(writer(HCG), withPhone, undefined, context())).toMatchObject({
      ok: false,
      reason: 'invalid document: phones: a queue-summary document has no such field',
    });
    const inCategory = signer(HCG).prove(
      summary(HCG, {
        categories: [
          {
            category: 7,
            issued: 1,
            called: 1,
            finished: 1,
            noShows: 0,
            waitMsTotal: 0,
            serveMsTotal: 0,
            idNumber: '11010519491231002X',
          },
        ],
      }),
    );
    // A category line with a field it does not name is refused outright too.
    expect((await checkWrite(writer(HCG), inCategory, undefined, context())).ok).toBe(false);
    expect(
      await checkWrite(writer(HCG), signer(HCG).prove(summary(HCG, { finished: 11 })), undefined, context()),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('add up') });
  });

  /** The summary's one category line with `issued` tickets. */
  const issuedIn = (issued: number) => [{ ...summary(HCG).categories[0]!, issued }];

  it('refuses figures no queue gives: totals that are not their categories, waits beyond the longest, a day to come', async () => {
    const refused = async (extra: Record<string, unknown>, reason: string) =>
      expect(await checkWrite(writer(HCG), signer(HCG).prove(summary(HCG, extra)), undefined, context())).toMatchObject(
        {
          ok: false,
          reason: expect.stringContaining(reason),
        },
      );
    await refused({ waitMsTotal: 9_007_199_254_740_991, categories: [] }, 'sum of its categories');
    await refused({ categories: [{ ...summary(HCG).categories[0]!, issued: 1_000_000 }] }, 'sum of its categories');
    const long = 20 * 3_600_000;
    await refused(
      { waitMsTotal: long, categories: [{ ...summary(HCG).categories[0]!, waitMsTotal: long }] },
      'longest wait',
    );
    // The day's waits within bounds, one category's beyond its own calls.
    await refused(
      {
        categories: [
          {
            ...summary(HCG).categories[0]!,
            called: 1,
            waitMsTotal: 3_600_000,
            issued: 3,
            finished: 1,
            noShows: 0,
            serveMsTotal: 0,
          },
          { category: 8, issued: 9, called: 9, finished: 8, noShows: 1, waitMsTotal: 0, serveMsTotal: 4_000_000 },
        ],
      },
      'longest wait',
    );
    await refused(
      {
        categories: [
          summary(HCG).categories[0]!,
          {
            ...summary(HCG).categories[0]!,
            issued: 0,
            called: 0,
            finished: 0,
            noShows: 0,
            waitMsTotal: 0,
            serveMsTotal: 0,
          },
        ],
      },
      'one line',
    );
    await refused({ appointments: 13 }, 'appointments');
    await refused({ _id: `queue-summary:99999999:${HCG}`, day: '99999999' }, 'no day');
    await refused({ _id: `queue-summary:20991231:${HCG}`, day: '20991231', final: true }, 'not begun');
    const today = chinaDate(new Date()).replaceAll('-', '');
    await refused({ _id: `queue-summary:${today}:${HCG}`, day: today, final: true }, 'not over');
  });

  it('is changed by its hall until final, and never deleted', async () => {
    const first = signer(HCG).prove(summary(HCG));
    const held: Held = { leaves: [{ rev: '1-a', deleted: false, body: first }], knownRevs: new Set(['1-a']) };
    expect(
      await checkWrite(
        writer(HCG),
        next(signer(HCG).prove(summary(HCG, { issued: 13, final: true, categories: issuedIn(13) }))),
        held,
        context(),
      ),
    ).toEqual({ ok: true });
    const final: Held = {
      leaves: [{ rev: '1-a', deleted: false, body: signer(HCG).prove(summary(HCG, { final: true })) }],
      knownRevs: new Set(['1-a']),
    };
    expect(
      await checkWrite(
        writer(HCG),
        next(signer(HCG).prove(summary(HCG, { issued: 20, final: true, categories: issuedIn(20) }))),
        final,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('final') });
    expect(
      await checkWrite(
        writer(HCG),
        { _id: first._id, _rev: '2-b', _revisions: { start: 2, ids: ['b', 'a'] }, _deleted: true },
        held,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('never deleted') });
  });
});

describe('the write rule for matter drafts (事项管理)', () => {
  const D = 'dongcheng';
  const one = { id: 'staff:cat.one', org: D };
  const two = { id: 'staff:cat.two', org: D };
  const fields = {
    code: 'M1',
    name: '居住证签注',
    matterType: '20',
    levels: [5, 6],
    department: POLICE,
    legalBasis: ['《居住证暂行条例》'],
    serves: ['person'],
    conditions: [],
    materials: [
      { id: 'id-card', name: '居民身份证', necessity: 'required', originals: 1, copies: 0, source: '申请人自备' },
    ],
    procedure: ['受理'],
    fees: [],
    legalDays: 15,
    promisedDays: 5,
    instant: false,
    decidedBy: 'street',
    allowsMakeUp: false,
    makeUpDays: 5,
    online: false,
    bookable: false,
    courier: false,
    category: 7,
    keywords: [],
  };
  const draft = (extra: Record<string, unknown> = {}) => ({
    _id: 'matter-draft:M1@2',
    type: 'matter-draft',
    scope: D,
    parties: [D],
    author: one,
    at: now(),
    code: 'M1',
    version: 2,
    matter: fields,
    retire: false,
    effectiveFrom: '2026-12-31',
    drafter: one,
    state: 'draft',
    ...extra,
  });
  const held = (doc: Record<string, unknown>): Held => ({
    leaves: [{ rev: '1-a', deleted: false, body: signer(D).prove(doc) }],
    knownRevs: new Set(['1-a']),
  });
  const write = (doc: Record<string, unknown>, h?: Held) =>
    checkWrite(writer(D), h ? next(signer(D).prove(doc)) : signer(D).prove(doc), h, context());
  const review = { by: two, at: now() };

  it("admits the district center's signed draft only, never a street's, unsigned, or one with a catch-all material clause", async () => {
    expect(await write(draft())).toEqual({ ok: true });
    expect(await checkWrite(writer(D), draft(), undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('proof'),
    });
    expect(
      await checkWrite(
        writer(JS),
        signer(JS).prove({ ...draft(), scope: JS, parties: [JS], author: actor(JS) }),
        undefined,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining("district center's own") });
    const catchAll = {
      ...fields,
      materials: [
        ...fields.materials,
        { id: 'other', name: '其他相关材料', necessity: 'optional', originals: 1, copies: 0 },
      ],
    };
    expect(await write(draft({ matter: catchAll }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('兜底条款'),
    });
    expect(await write(draft({ state: 'approved', review }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('starts as a draft'),
    });
    expect(await write(draft({ _id: 'matter-draft:M1@3' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('id'),
    });
  });

  it('carries exactly the blank forms and samples its matter lists, each matching its digest', async () => {
    const pdf = { content_type: 'application/pdf', data: btoa('%PDF-1.4 blank') };
    const file = {
      id: 'blank',
      title: '申请表',
      kind: 'blank',
      contentType: 'application/pdf',
      size: 14,
      sha256: '0'.repeat(64),
    };
    expect(await write(draft({ _attachments: { blank: pdf } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("exactly its matter's files"),
    });
    expect(await write(draft({ matter: { ...fields, files: [file] }, _attachments: { blank: pdf } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('digest'),
    });
    const sha256 = [
      ...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('%PDF-1.4 blank'))),
    ]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
    expect(
      await write(draft({ matter: { ...fields, files: [{ ...file, sha256 }] }, _attachments: { blank: pdf } })),
    ).toEqual({ ok: true });
    expect(
      await write(
        draft({
          matter: { ...fields, files: [{ ...file, sha256, contentType: 'text/html' }] },
          _attachments: { blank: { ...pdf, content_type: 'text/html' } },
        }),
      ),
    ).toMatchObject({ ok: false });
  });

  it('is approved by a second admin only, published only as approved, and never changes once published', async () => {
    expect(await write(draft({ state: 'approved', review: { by: one, at: now() } }), held(draft()))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('another admin'),
    });
    expect(await write(draft({ state: 'approved', review, author: two }), held(draft()))).toEqual({ ok: true });
    expect(await write(draft({ state: 'approved', review, effectiveFrom: '2027-01-01' }), held(draft()))).toMatchObject(
      { ok: false, reason: expect.stringContaining('as it stands') },
    );
    const published = { by: one, at: now() };
    expect(await write(draft({ state: 'published', published }), held(draft()))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only an approved draft'),
    });
    const approved = draft({ state: 'approved', review });
    expect(await write(draft({ state: 'published', review, published }), held(approved))).toEqual({ ok: true });
    expect(
      await write(draft({ state: 'published', review, published, effectiveFrom: '2027-01-01' }), held(approved)),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('as it was approved') });
    expect(
      await write(
        draft({ state: 'draft', effectiveFrom: '2027-01-01' }),
        held(draft({ state: 'published', review, published })),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('stays as it is') });
    expect(await write(draft({ drafter: two, author: two }), held(draft()))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never change'),
    });
  });

  /** Version 2 of M1 as the district center publishes it, before its proof. */
  const publishedVersion = () => ({
    ...fields,
    _id: 'matter:M1@2',
    type: 'matter',
    scope: D,
    parties: [D],
    author: one,
    at: now(),
    version: 2,
  });

  it('admits a published matter version signed by the district root only, under its code and version, never changed', async () => {
    const version = publishedVersion();
    expect(await write(version)).toEqual({ ok: true });
    expect(await checkWrite(writer(D), version, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no proof'),
    });
    const tampered = { ...signer(D).prove(version), materials: [] };
    expect(await checkWrite(writer(D), tampered, undefined, context())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not verify'),
    });
    expect(await write({ ...version, _id: 'matter:M1@3' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('names its code and version'),
    });
    expect(await write({ ...version, promisedDays: 1 }, held(version))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never changes'),
    });
    expect(
      await checkWrite(
        writer(JS),
        signer(JS).prove({ ...version, scope: JS, parties: [JS], author: actor(JS) }),
        undefined,
        context(),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('only the district') });
  });

  it('refuses a district-signed version or draft under a code the city catalogue holds (全市通办)', async () => {
    const cityMatter = { ...M1, scope: 'beijing', parties: ['beijing'] } as unknown as Matter;
    const version = publishedVersion();
    const refused = { ok: false, reason: expect.stringContaining('city catalogue of beijing') };
    expect(
      await checkWrite(writer(D), signer(D).prove(version), undefined, context(new Map(), [cityMatter])),
    ).toMatchObject(refused);
    expect(
      await checkWrite(writer(D), signer(D).prove(draft()), undefined, context(new Map(), [cityMatter])),
    ).toMatchObject(refused);
    // The district's own matter of that code stays its own to publish.
    expect(await write(version)).toEqual({ ok: true });
  });
});

describe('告知承诺 on a new case', () => {
  const allowing = {
    ...M1,
    materials: [
      { id: 'income-proof', name: '收入证明', necessity: 'secondary', originals: 1, copies: 0, commitment: true },
      { id: 'id-card', name: '居民身份证', necessity: 'required', originals: 1, copies: 0 },
    ],
  } as unknown as Matter;
  /** A new case of M1 whose acceptance carries a commitment for `materialId`, signed again. */
  const committing = (materialId: string): CaseDoc => {
    const doc = newCase(HCG);
    const { kid: _k, sig: _s, ...first } = doc.events[0]!;
    void _k, void _s;
    const unsigned = { ...first, commitments: [{ materialId, signedBy: '张三', signedAt: now() }] };
    return { ...doc, events: signer(HCG).signEvents(doc._id, doc, [unsigned as UnsignedCaseEvent]) };
  };

  it("admits it only for a material the case's matter version allows it for", async () => {
    const ctx = context(new Map(), [allowing]);
    expect(await checkWrite(writer(HCG), committing('income-proof'), undefined, ctx)).toEqual({ ok: true });
    expect(await checkWrite(writer(HCG), committing('id-card'), undefined, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('id-card of M1 allows no commitment'),
    });
  });
});

describe('the matter version a case names', () => {
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  // Version 2 takes the street out of M1 (the community accepts, the department decides); version 3, not yet in force, retires it.
  const v2 = { ...M1, version: 2, levels: [6], decidedBy: 'department' } as unknown as Matter;
  const v3 = { ...M1, version: 3, effectiveFrom: tomorrow, retired: true } as unknown as Matter;
  const v4 = { ...M1, version: 4, effectiveFrom: tomorrow } as unknown as Matter;
  const matters = [M1, v2, v3, v4];
  /** A new case of M1 at the community naming `version`, signed again over the changed header. */
  const naming = (version: number): CaseDoc => {
    const doc = newCase(HCG);
    const { kid: _k, sig: _s, ...first } = doc.events[0]!;
    void _k, void _s;
    const named = { ...doc, matterVersion: version };
    return { ...named, events: signer(HCG).signEvents(doc._id, named, [first as UnsignedCaseEvent]) };
  };

  it('admits a version in force by the acceptance, also the one before it; never one unpublished, retiring or not yet in force', async () => {
    const ctx = context(new Map(), matters);
    expect(await checkWrite(writer(HCG), naming(2), undefined, ctx)).toEqual({ ok: true });
    // A hall offline that has not received version 2 yet still accepts under version 1.
    expect(await checkWrite(writer(HCG), naming(1), undefined, ctx)).toEqual({ ok: true });
    for (const [version, reason] of [
      [3, 'retires the matter'],
      [4, 'not yet in force'],
      [5, 'not published'],
    ] as const)
      expect(await checkWrite(writer(HCG), naming(version), undefined, ctx)).toMatchObject({
        ok: false,
        reason: expect.stringContaining(reason),
      });
  });

  it("judges a forward by the case's own version, not by a version published later", async () => {
    const ctx = context(new Map(), matters);
    // Under version 1 the street handles M1: the community's case goes up, though version 2 says otherwise.
    const old = naming(1);
    expect(
      await checkWrite(writer(HCG), next(append(old, HCG, { kind: 'forwarded', to: JS })), heldAs(old), ctx),
    ).toEqual({ ok: true });
    const current = naming(2);
    expect(
      await checkWrite(writer(HCG), next(append(current, HCG, { kind: 'forwarded', to: JS })), heldAs(current), ctx),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('does not handle') });
  });
});
