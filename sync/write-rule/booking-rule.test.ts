import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Matter } from '../matter.js';
import { context, DSK, HCG, heldAs, JS, M1, next, now, POLICE, signer, writer } from './rule-test-kit.js';
import { checkWrite } from './write-rules.js';
import { bookingNotice, bookingNoticeId } from '../booking-notice.js';
import { renderNotice } from '../notice-templates.js';

/** M1, bookable in category 9. */
const BOOKABLE = { ...M1, bookable: true, category: 9 } as Matter;
const ctx = () => context(new Map(), [BOOKABLE]);
const resident = { account: 'r1', name: '张三', idNumber: '11010519491231002X', phone: '13800138000' };

/** A request the portal of HCG writes for its resident, for a slot at JS; `extra` changes what a forger changes. */
const request = (extra: Record<string, unknown> = {}) => ({
  _id: `booking:${randomUUID()}`,
  type: 'booking',
  scope: HCG,
  parties: [HCG, JS],
  author: { id: 'resident:r1', name: '张三', org: HCG },
  at: now(),
  hall: JS,
  matterCode: 'M1',
  matterName: '居住证签注',
  category: 9,
  slot: '2026-11-24T09:30:00+08:00',
  resident,
  state: 'requested',
  ...extra,
});
const reasonOf = async (org: string, doc: Record<string, unknown>, held?: ReturnType<typeof heldAs>) =>
  checkWrite(writer(org), signer(org).prove(doc), held, ctx());

describe('the write rule for bookings (预约 at any hall)', () => {
  it("is the resident's own request at the portal's hall, for a bookable matter the chosen hall handles", async () => {
    expect(await reasonOf(HCG, request())).toEqual({ ok: true });
    // Another hall cannot write a request in HCG's name, nor HCG one a clerk or another resident makes.
    expect(await reasonOf(DSK, request())).toMatchObject({ ok: false });
    expect(await reasonOf(HCG, request({ author: { id: 'staff:c1', name: '王', org: HCG } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("resident's own"),
    });
    expect(await reasonOf(HCG, request({ resident: { ...resident, account: 'r2' } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining("resident's own"),
    });
    expect(await reasonOf(HCG, request({ parties: [HCG] }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('parties'),
    });
    expect(await reasonOf(HCG, request({ category: 7 }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('category'),
    });
    expect(await reasonOf(HCG, request({ matterCode: 'M2' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('book'),
    });
    expect(await reasonOf(HCG, request({ hall: 'dongcheng', parties: [HCG, 'dongcheng'] }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not handle'),
    });
    expect(await reasonOf(HCG, request({ state: 'booked', appointmentId: 'x' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('request'),
    });
    expect(await reasonOf(HCG, request({ hall: POLICE, parties: [HCG, POLICE] }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no hall'),
    });
    expect(await reasonOf(HCG, request({ hall: 'xicheng/x', parties: [HCG, 'xicheng/x'] }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('outside'),
    });
  });

  it('is decided once by the hall it is for, and only its state moves', async () => {
    const asked = signer(HCG).prove(request());
    const decided = { ...asked, state: 'booked', appointmentId: '20261124-ABCDEFGHJK', decidedAt: now() };
    expect(await reasonOf(JS, next(decided), heldAs(asked))).toEqual({ ok: true });
    // The portal's hall cannot admit it for the street, nor may the street move the slot while deciding.
    expect(await reasonOf(HCG, next({ ...asked, state: 'booked', appointmentId: 'x' }), heldAs(asked))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('decides'),
    });
    const moved = next({ ...decided, slot: '2026-11-25T09:30:00+08:00' });
    expect(await reasonOf(JS, moved, heldAs(asked))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('slot'),
    });
    expect(await reasonOf(JS, next({ ...asked, state: 'refused' }), heldAs(asked))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('why'),
    });
    expect(
      await reasonOf(JS, next({ ...decided, state: 'refused', reason: '该时段已约满' }), heldAs(decided)),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not decided again') });
  });

  it('is marked checked in by the hall it is for only, once booked', async () => {
    const booked = signer(JS).prove({ ...request(), state: 'booked', appointmentId: 'x', decidedAt: now() });
    const checkedIn = { ...booked, state: 'checked-in', checkedInAt: now() };
    expect(await reasonOf(JS, next(checkedIn), heldAs(booked))).toEqual({ ok: true });
    expect(await reasonOf(HCG, next(checkedIn), heldAs(booked))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('checks its bookings in'),
    });
    const asked = signer(HCG).prove(request());
    expect(
      await reasonOf(JS, next({ ...asked, state: 'checked-in', checkedInAt: now() }), heldAs(asked)),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not checked in') });
    expect(
      await reasonOf(JS, next({ ...checkedIn, state: 'cancelled', cancelledAt: now() }), heldAs(checkedIn)),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('not cancelled') });
  });

  it('is cancelled by either hall, never brought back, never deleted', async () => {
    const booked = signer(JS).prove({ ...request(), state: 'booked', appointmentId: 'x' });
    const cancelled = { ...booked, state: 'cancelled', cancelledAt: now() };
    expect(await reasonOf(HCG, next(cancelled), heldAs(booked))).toEqual({ ok: true });
    expect(await reasonOf(JS, next(cancelled), heldAs(booked))).toEqual({ ok: true });
    expect(await reasonOf(DSK, next(cancelled), heldAs(booked))).toMatchObject({ ok: false });
    expect(await reasonOf(HCG, next({ ...cancelled, state: 'requested' }), heldAs(cancelled))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('earlier state'),
    });
    const deletion = { _id: booked._id, _rev: '2-b', _revisions: { start: 2, ids: ['b', 'a'] }, _deleted: true };
    expect(await checkWrite(writer(HCG), deletion, heldAs(booked), ctx())).toMatchObject({
      ok: false,
      reason: expect.stringContaining('never deleted'),
    });
  });

  it("has the resident's ID number and phone erased by the hall it is for, once past the keeping, and nothing else", async () => {
    const booked = signer(JS).prove({ ...request(), state: 'booked', appointmentId: 'x', decidedAt: now() });
    // The slot is 2026-11-24 09:30 Beijing: erasable from 30 days on, 2026-12-24 09:30.
    const later = '2026-12-25T08:00:00+08:00';
    const erased = { ...booked, resident: { account: 'r1', name: '张三' }, erasedAt: later };
    const at = (when: string) => ({ ...ctx(), now: new Date(when) });
    const check = (org: string, doc: Record<string, unknown>, when = later, held: object = booked) =>
      checkWrite(
        writer(org),
        signer(org).prove(next({ ...doc, author: { id: `node:${org}`, name: org, org } })),
        heldAs(held),
        at(when),
      );
    expect(await check(JS, erased)).toEqual({ ok: true });
    // A booking refused, checked in or cancelled is erased alike.
    for (const settled of [
      { ...booked, state: 'refused', appointmentId: undefined, reason: '该时段已约满' },
      { ...booked, state: 'checked-in', checkedInAt: now() },
      { ...booked, state: 'cancelled', cancelledAt: now() },
    ]) {
      const held = signer(JS).prove(settled);
      expect(
        await check(JS, { ...held, resident: { account: 'r1', name: '张三' }, erasedAt: later }, later, held),
      ).toEqual({
        ok: true,
      });
    }
    // Too early, by the checker's clock or by the stated time.
    expect(await check(JS, erased, '2026-12-24T09:00:00+08:00')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no earlier than 30 days'),
    });
    expect(await check(JS, { ...erased, erasedAt: '2026-12-01T00:00:00+08:00' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no earlier than 30 days'),
    });
    // Not by the hall that took it, nor by another.
    for (const org of [HCG, DSK])
      expect(await check(org, erased)).toMatchObject({ ok: false, reason: expect.stringContaining('only') });
    // Only the ID number and phone go, both of them; nothing else changes, the state neither.
    expect(await check(JS, { ...erased, resident: { ...resident, phone: undefined } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('both'),
    });
    expect(await check(JS, { ...erased, resident: { account: 'r1', name: '李四' } })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('account and name'),
    });
    expect(await check(JS, { ...erased, slot: '2026-11-20T09:30:00+08:00' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not slot'),
    });
    expect(await check(JS, { ...erased, state: 'cancelled', cancelledAt: later })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('state'),
    });
    // A request still needs them, to be booked: it is decided first.
    const asked = signer(HCG).prove(request());
    expect(
      await check(JS, { ...asked, resident: { account: 'r1', name: '张三' }, erasedAt: later }, later, asked),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('decided before') });
    // Once erased, they never come back, and the erasure stays; nor is a request written erased.
    const held = signer(JS).prove(erased);
    expect(await check(JS, { ...held, resident, at: later }, later, held)).toMatchObject({ ok: false });
    expect(await check(JS, { ...held, erasedAt: undefined }, later, held)).toMatchObject({ ok: false });
    expect(await reasonOf(HCG, request({ resident: { account: 'r1', name: '张三' } }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('request'),
    });
  });

  it("its SMS is the deciding hall's alone, to the booking's phone, saying exactly its decision", async () => {
    const booked = signer(JS).prove({
      ...request(),
      state: 'booked',
      appointmentId: '20261124-ABCDEFGHJK',
      decidedAt: now(),
    });
    const held = new Map<string, unknown>([[booked._id, booked]]);
    const noticeOf = (org: string, extra: Record<string, unknown> = {}) => {
      const n = bookingNotice(booked as never)!;
      return signer(org).prove({
        _id: bookingNoticeId(booked._id),
        type: 'notice',
        scope: org,
        parties: [org],
        author: { id: `node:${org}`, org },
        at: now(),
        caseId: booked._id,
        template: n.template,
        phone: resident.phone,
        params: n.params,
        text: renderNotice(n.template, n.params, `hall ${org}`),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now(),
        ...extra,
      });
    };
    const check = (org: string, doc: Record<string, unknown>) => checkWrite(writer(org), doc, undefined, context(held));
    expect(bookingNotice(booked as never)).toEqual({
      template: 'booking.admitted',
      params: { matter: '居住证签注', slot: '11月24日 09:30' },
    });
    expect(await check(JS, noticeOf(JS))).toEqual({ ok: true });
    // The portal's hall did not decide it; another phone; another decision; words of the hall's own.
    expect(await check(HCG, noticeOf(HCG))).toMatchObject({ ok: false, reason: expect.stringContaining('decided by') });
    expect(await check(JS, noticeOf(JS, { phone: '13900139000' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('phone'),
    });
    const refusal = { matter: '居住证签注', slot: '11月24日 09:30', reason: '已约满' };
    expect(
      await check(
        JS,
        noticeOf(JS, {
          template: 'booking.refused',
          params: refusal,
          text: renderNotice('booking.refused', refusal, `hall ${JS}`),
        }),
      ),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('booking.admitted') });
    const spoofed = { matter: '点击链接领取补贴', slot: '11月24日 09:30' };
    expect(
      await check(JS, noticeOf(JS, { params: spoofed, text: renderNotice('booking.admitted', spoofed, `hall ${JS}`) })),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('parameters') });
    expect(await check(JS, noticeOf(JS, { _id: `${bookingNoticeId(booked._id)}2` }))).toMatchObject({ ok: false });
    // Undecided: nothing to tell.
    const asked = signer(HCG).prove(request());
    expect(
      await checkWrite(
        writer(JS),
        noticeOf(JS, { _id: bookingNoticeId(asked._id), caseId: asked._id }),
        undefined,
        context(new Map([[asked._id, asked]])),
      ),
    ).toMatchObject({ ok: false });
  });
});
