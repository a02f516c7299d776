import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPouchStore } from '../../hub/store/pouch-store.js';
import type { StoredDoc } from '../../hub/store/store.js';
import { hallnetExit } from '../support/cli-process.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT } from '../support/fixtures.js';
import { tempDir } from '../support/temp-dir.js';
import { caseHeaderOf, licenceDocId, licenceHolderDigest, type CaseDoc } from '../../sync/index.js';
import { by, proven } from './support/forge-docs.js';
import { appended, eventBy } from './support/forge.js';
import { A, CENTER, JINGSHAN, startAttackDistrict, V, type AttackDistrict } from './support/attack-district.js';
import { attackerOf, nextRev, revHash, type Attacker, type Forged } from './support/attacker.js';
import { BOOKING_ATTACKS, honestBookingTold } from './support/booking-attacks.js';
import { BOUND_ATTACKS } from './support/bound-attacks.js';
import { CASEWORK_ATTACKS } from './support/casework-attacks.js';
import { expectRefused, launch, type Attack, type AttackContext, type Outcome } from './support/expect-refused.js';
import { GRANT_ATTACKS } from './support/grant-attacks.js';
import { ACTING_FOR_ATTACKS, HISTORY_ATTACKS } from './support/history-attacks.js';
import { tellStory, type Story } from './support/legit-story.js';
import { NOTICE_ATTACKS } from './support/notice-attacks.js';
import { plantedDocs, STRANGER, type Planted } from './support/planted-docs.js';
import { PUBLIC_ATTACKS } from './support/public-attacks.js';
import { FOLLOW_UP_ATTACKS, RATING_ATTACKS } from './support/rating-attacks.js';
import { OUT_OF_TURN, OUT_OF_TURN_ATTACKS } from './support/turn-attacks.js';

// One community station's genuine key and certificate, in an attacker's hands: everything it
// signs and pushes past its own node that its node's API would never write is refused by the hub,
// reaches no other hall, sends no SMS, and stands in the hub's audit log as refused.
const dir = tempDir('hallnet-attacks-');
let d: AttackDistrict;
let story: Story;
let attacker: Attacker;
const ctx = (): AttackContext => ({ attacker, d, story });

beforeAll(async () => {
  d = await startAttackDistrict(dir.path);
  story = await tellStory(d);
  attacker = attackerOf(A, d.district.nodeDir(A), d.district.hubUrl, dir.path);
}, 240_000);

afterAll(async () => {
  await d?.close();
  dir.remove();
});

/**
 * A describe block for a class of attacks: what they build on made first (`prepare`: its honest SMS
 * sent before any attack counts the SMS sent since), all launched, then sync let catch up past them,
 * then each checked.
 */
function attackClass(
  title: string,
  attacks: readonly Attack[],
  more?: (outcomes: Map<string, Outcome>) => void,
  prepare?: (ctx: AttackContext) => Promise<unknown>,
): void {
  describe(title, () => {
    const outcomes = new Map<string, Outcome>();
    beforeAll(async () => {
      await prepare?.(ctx());
      for (const [name, o] of await launch(ctx(), attacks)) outcomes.set(name, o);
      await d.caughtUp();
    }, 120_000);
    it.each(attacks.map((a) => [a.name]))('%s', async (name) => {
      await expectRefused(d, outcomes.get(name)!);
    });
    more?.(outcomes);
  });
}

attackClass(
  'casework written into a hall of another street, party injection, scope outside the writer',
  CASEWORK_ATTACKS,
);
attackClass('notice injection', NOTICE_ATTACKS);
attackClass('bookings forged for another hall, resident or decision', BOOKING_ATTACKS, undefined, honestBookingTold);
attackClass('history of a case the station holds', HISTORY_ATTACKS, () => {
  it('replayed old revisions change nothing anywhere', async () => {
    const id = `case:${story.completedByStreet}`;
    const before = await d.district.hub!.store.get(id, { conflicts: true });
    const latest = await attacker.read(id);
    const { start, ids } = latest._revisions as { start: number; ids: string[] };
    // Every revision of the case's history, the first (the acceptance alone) included, pushed again as it was.
    const revisions = await Promise.all(ids.map((h, i) => attacker.read(id, `${start - i}-${h}`)));
    expect([(revisions[0]!.events as unknown[]).length, (revisions.at(-1)!.events as unknown[]).length]).toEqual([
      3, 1,
    ]);
    const answers = [
      ...(await attacker.push('pouch', revisions as never[])),
      ...(await attacker.push('bulk', revisions as never[])),
    ];
    expect(answers.map((a) => a.failure)).toEqual(answers.map(() => undefined));
    await d.caughtUp();
    expect(await d.district.hub!.store.get(id, { conflicts: true })).toEqual(before);
    for (const org of [A, JINGSHAN, CENTER])
      expect(d.node(org).services.index.get(story.completedByStreet)).toMatchObject({
        status: 'completed',
        flags: [],
        events: before!.events as unknown[],
      });
  });
});
attackClass('public types written by a community station', PUBLIC_ATTACKS);
attackClass('grants and revocations', GRANT_ATTACKS);
attackClass('bounds', BOUND_ATTACKS);

describe("the street's key, acting as its station", () => {
  const outcomes = new Map<string, Outcome>();
  beforeAll(async () => {
    const street = attackerOf(JINGSHAN, d.district.nodeDir(JINGSHAN), d.district.hubUrl, join(dir.path, 'street'));
    for (const [name, o] of await launch({ attacker: street, d, story }, ACTING_FOR_ATTACKS)) outcomes.set(name, o);
    await d.caughtUp();
  }, 120_000);
  it.each(ACTING_FOR_ATTACKS.map((a) => [a.name]))('%s', async (name) => {
    await expectRefused(d, outcomes.get(name)!);
    expect(d.node(CENTER).services.index.get(story.staged)).toMatchObject({
      status: 'processing',
      holder: CENTER,
      flags: [],
    });
  });
});

describe('two requests at once on one case', () => {
  it('two copies of one new event, beside each other in two requests, then two tombstones: the case is never erased', async () => {
    const disability = d.node(A).services.reference.catalogue.search({ q: '残疾人证' })[0]!;
    const received = disability.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
    const accepted = await (await d.clerk(A)).post('/api/cases', {
      matterCode: disability.code,
      applicant: APPLICANT,
      received,
    });
    expect(accepted.status).toBe(201);
    const id = `case:${accepted.body.id}`;
    const held = await eventually(() => attacker.read(id).catch(() => undefined), 20_000, 'the case at the hub');
    // The same signed event as two children of the held revision: checked one after the other, the second adds nothing.
    const child = appended(attacker.signer, held, [eventBy(A, { kind: 'notices-opted-out' })]);
    const { start, ids } = child._revisions as { start: number; ids: string[] };
    const twinHash = revHash();
    const twin = { ...child, _rev: `${start}-${twinHash}`, _revisions: { start, ids: [twinHash, ...ids.slice(1)] } };
    const answers = (await Promise.all([attacker.pushTogether([child]), attacker.pushTogether([twin])])).flat();
    expect(answers.filter((a) => a.failure === undefined)).toHaveLength(1);
    expect(answers.find((a) => a.failure)?.failure?.reason).toMatch(/a revision beside the live ones adds an event/);
    // A tombstone on each, at once: whichever leaf is live has no other to keep its events.
    const tombs = [ids[0]!, twinHash].map((h) => {
      const t = revHash();
      return {
        _id: id,
        _rev: `${start + 1}-${t}`,
        _deleted: true,
        _revisions: { start: start + 1, ids: [t, h, ...ids.slice(1)] },
      };
    });
    const removals = (await Promise.all(tombs.map((t) => attacker.pushTogether([t as unknown as Forged])))).flat();
    expect(removals.map((a) => a.failure?.error)).toEqual(['forbidden', 'forbidden']);
    await d.caughtUp();
    const leaves = await d.district.hub!.store.openRevs(id, 'all');
    expect(leaves.filter((l) => 'ok' in l && !l.ok._deleted)).toHaveLength(1);
    for (const org of [A, JINGSHAN, CENTER])
      expect(d.node(org).services.index.get(accepted.body.id)?.status).toBe('processing');
  });
});

describe('decisions out of turn: after forwarding to the street, the station decides nothing', () => {
  const outcomes = new Map<string, Outcome>();
  const answers = new Map<string, { status: number; body: { error: { code: string } } }>();
  beforeAll(async () => {
    const clerk = await d.clerk(A);
    for (const t of OUT_OF_TURN) answers.set(t.kind, await clerk.post(`/api/cases/${t.caseOf(ctx())}/events`, t.api));
    for (const [name, o] of await launch(ctx(), OUT_OF_TURN_ATTACKS)) outcomes.set(name, o);
    await d.caughtUp();
  }, 120_000);

  it.each(OUT_OF_TURN.map((t, i) => [t.kind, i]))(
    '"%s": refused by the station\'s API, and by the hub when pushed raw',
    async (_kind, i) => {
      const t = OUT_OF_TURN[i as number]!;
      expect(answers.get(t.kind)).toMatchObject({ status: 409, body: { error: { code: t.code } } });
      await expectRefused(d, outcomes.get(OUT_OF_TURN_ATTACKS[i as number]!.name)!);
      expect(d.node(JINGSHAN).services.index.get(story.forwarded)).toMatchObject({
        status: 'processing',
        holder: JINGSHAN,
        flags: [],
      });
    },
  );
});

describe('rating forgery and pre-emption', () => {
  const outcomes = new Map<string, Outcome>();
  let residentRated: { status: number; body: Record<string, unknown> };
  beforeAll(async () => {
    for (const [name, o] of await launch(ctx(), RATING_ATTACKS)) outcomes.set(name, o);
    // The resident rates his own case at his own hall, after the forged "online" rating was pushed.
    residentRated = await (await d.resident(V)).post(`/api/my/cases/${story.victim}/rating`, {
      level: 'dissatisfied',
      comment: '等了很久',
    });
    await eventually(
      () => d.district.hub!.store.get(`rating:case:${story.victim}`),
      20_000,
      "the resident's rating at the hub",
    );
    for (const [name, o] of await launch(ctx(), FOLLOW_UP_ATTACKS)) outcomes.set(name, o);
    await d.caughtUp();
  }, 120_000);

  it.each([...RATING_ATTACKS, ...FOLLOW_UP_ATTACKS].map((a) => [a.name]))('%s', async (name) => {
    await expectRefused(d, outcomes.get(name)!);
  });

  it("the resident's genuine rating, given after the pre-emption, is taken and shown as his", async () => {
    expect(residentRated.status, JSON.stringify(residentRated.body)).toBe(201);
    expect(residentRated.body).toMatchObject({
      rating: { level: 'dissatisfied', channel: 'online', comment: '等了很久' },
    });
    await eventually(
      () =>
        d.node(CENTER).services.supervision.ratingIndex.get(`rating:case:${story.victim}`)?.level === 'dissatisfied',
      20_000,
      'his rating at the district',
    );
    expect((await (await d.resident(V)).get(`/api/my/cases/${story.victim}/rating`)).body).toMatchObject({
      rating: { level: 'dissatisfied', channel: 'online' },
    });
  });
});

describe("a twin under a held revision's id, sent in one batch with the revision built on it", () => {
  // The twin's revision id is held already, so the store would keep the body it holds: the batch
  // must not check what follows against the twin's body either.
  const twinOf = (held: Forged, body: Record<string, unknown>): Forged => ({ ...held, ...body, ...by(A) });
  const logged = (doc: Forged) => d.auditWrites().filter((e) => e.id === doc._id && e.rev === doc._rev).length;
  const twinAttack = async (id: string, edit: (held: CaseDoc) => Record<string, unknown>) => {
    const held = (await attacker.read(`case:${id}`)) as Forged;
    const twin = twinOf(held, edit(held as unknown as CaseDoc));
    const child = nextRev(twin, twin);
    const loggedBefore = logged(twin);
    const answers = await attacker.pushTogether([twin, child]);
    return { held, twin, child, answers, loggedBefore };
  };
  /** The hub holds the case as it was, and its audit log took nothing more for the twin's revision id. */
  const storedUnchanged = async (held: Forged, twin: Forged, loggedBefore: number) => {
    await d.caughtUp();
    const stored = await d.district.hub!.store.get(held._id, { conflicts: true });
    expect(stored).toMatchObject({ _rev: held._rev, events: held.events, parties: held.parties });
    expect(stored).not.toHaveProperty('_conflicts');
    expect(logged(twin)).toBe(loggedBefore);
  };

  it("a street's completion reworded: the revision on the twin is refused, the case stands everywhere as the street completed it", async () => {
    const { held, twin, child, answers, loggedBefore } = await twinAttack(story.completedByStreet, (c) => ({
      events: c.events.map((e) => (e.kind === 'completed' ? { ...e, result: '不予办理' } : e)),
    }));
    expect(answers[1]!.failure).toMatchObject({
      error: 'forbidden',
      reason: expect.stringMatching(/differs from the one held/),
    });
    await storedUnchanged(held, twin, loggedBefore);
    expect(await d.holders(child._id, child._rev)).toEqual([]);
    for (const org of [A, JINGSHAN, CENTER])
      expect(d.node(org).services.index.get(story.completedByStreet)).toMatchObject({ status: 'completed', flags: [] });
  });

  it('a party added on the twin: the revision on it is refused, and the new party is not given the case', async () => {
    const { held, twin, answers, loggedBefore } = await twinAttack(story.forwarded, (c) => ({
      parties: [...c.parties, CENTER],
    }));
    expect(answers[1]!.failure).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/party/) });
    await storedUnchanged(held, twin, loggedBefore);
    expect(
      await d
        .node(V)
        .services.db.get(`case:${story.forwarded}`)
        .catch((e: { status: number }) => e.status),
    ).toBe(404);
  });

  it('a completion with a licence on the twin: the licence is refused and no register answers for it', async () => {
    const held = (await attacker.read(`case:${story.forwarded}`)) as Forged;
    const kase = held as unknown as CaseDoc;
    const matter = d.node(A).services.reference.catalogue.version(kase.matterCode, kase.matterVersion ?? 1)!;
    const issued = matter.issues![0]!;
    const number = `ZZ-2026-${revHash().slice(0, 10).toUpperCase()}`;
    const key = revHash();
    const validUntil = new Date(Date.now() + 3650 * 86_400_000).toISOString();
    const [completed] = attacker.signer.signEvents(kase._id, caseHeaderOf(kase), [
      eventBy(A, {
        kind: 'completed',
        result: '准予核发',
        licences: [{ number, licenceType: issued.licenceType, key, validUntil }],
      }),
    ]);
    const sealed = {
      number,
      licenceType: issued.licenceType,
      licenceName: issued.name,
      matterCode: kase.matterCode,
      caseId: story.forwarded,
      issuer: A,
      issuerName: d.node(A).services.reference.orgName(A),
      holderKind: 'person' as const,
      holder: await licenceHolderDigest(key, kase.applicant),
      issuedAt: completed!.at,
      validUntil,
    };
    const licence = proven(attacker.signer, {
      _id: licenceDocId(number),
      type: 'licence',
      scope: A,
      parties: [A],
      ...by(A),
      ...sealed,
      seal: attacker.signer.sealLicence(sealed),
    });
    const twin = twinOf(held, { events: [...kase.events, completed] });
    const loggedBefore = logged(twin);
    const answers = await attacker.pushTogether([twin, licence]);
    expect(answers[1]!.failure).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/not completed/) });
    await storedUnchanged(held, twin, loggedBefore);
    expect(await d.hubHas(licence._id, licence._rev)).toBeUndefined();
    for (const org of [A, JINGSHAN])
      expect((await (await d.clerk(org)).get(`/api/licences/${number}`)).status).toBe(404);
  });
});

describe('planted through "an old hub": forged documents written into the hub\'s store around the gateway', () => {
  let planted: Planted;
  let smsBefore: number;
  let ratingsBefore: number;
  const beijingDay = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const ratingsOfVictim = async () => {
    const res = await (await d.clerk(CENTER)).get(
      `/api/supervision/figures?from=${beijingDay(-30)}&to=${beijingDay(30)}&by=node`,
    );
    return (res.body.rows as { key: string; ratings: number }[]).find((r) => r.key === V)!.ratings;
  };
  const idOf = (doc: { _id: string }) => doc._id.replace(/^case:/, '');

  beforeAll(async () => {
    ratingsBefore = await ratingsOfVictim();
    smsBefore = d.sms.received.length;
    await d.district.stopHub();
    const store = await createPouchStore({ dir: join(d.hubDir, 'store') });
    try {
      planted = await plantedDocs(ctx(), store);
      expect(await store.bulkDocs(Object.values(planted) as StoredDoc[], { newEdits: false })).toEqual([]);
    } finally {
      await store.close();
    }
    await d.district.startHub();
    await d.caughtUp();
    await eventually(
      async () =>
        (await d.node(V).services.db.get<{ events: unknown[] }>(planted.events._id)).events.length ===
        (planted.events.events as unknown[]).length,
      20_000,
      'the planted events at the victim',
    );
  }, 120_000);

  it("the victim station does not list the planted case, nor show it among its resident's own cases, and reports it on /api/status", async () => {
    const v = await d.clerk(V);
    const listed = (await v.get('/api/cases?limit=200')).body.items.map((c: { id: string }) => c.id);
    expect(listed).toContain(story.victim);
    expect(listed).not.toContain(idOf(planted.caseAtVictim));
    expect(listed).not.toContain(idOf(planted.injectedCase));
    expect((await v.get(`/api/cases/${idOf(planted.caseAtVictim)}`)).status).toBe(404);
    const mine = (await (await d.resident(V)).get('/api/my/cases')).body.items.map((c: { id: string }) => c.id);
    expect(mine).toEqual(expect.arrayContaining([story.victim, story.victimUnrated]));
    expect(mine).not.toContain(idOf(planted.caseAtVictim));
    expect(mine).not.toContain(idOf(planted.injectedCase));
    const { integrity } = (await v.get('/api/status')).body;
    expect(integrity.untrusted).toEqual(
      expect.arrayContaining([
        { id: planted.caseAtVictim._id, reason: 'no-valid-acceptance' },
        { id: planted.injectedCase._id, reason: 'not-ours' },
      ]),
    );
  });

  it('the victim station does not prefill its window form from the planted register record', async () => {
    expect(await d.node(V).services.db.get(planted.record._id)).toMatchObject({ applicant: { name: STRANGER.name } });
    const res = await (await d.clerk(V)).get(`/api/residents?idType=${STRANGER.idType}&idNumber=${STRANGER.idNumber}`);
    expect(res.status).toBe(404);
  });

  it("no hall sends a planted notice: not the victim's, not the thief's own station's invitation to another site", async () => {
    for (const org of [V, A]) await d.node(org).services.notices.runOnce();
    const sent = d.sms.received
      .slice(smsBefore)
      .map((r) => r.body as unknown as { id: string; params: { text: string } });
    expect(sent.filter((m) => m.id === planted.notice._id || m.id === planted.invite._id)).toEqual([]);
    expect(sent.filter((m) => m.params.text.startsWith(`【${d.node(V).services.reference.orgName(V)}】`))).toEqual([]);
    expect(await d.node(A).services.db.get(planted.invite._id)).toMatchObject({ status: 'pending', attempts: 0 });
    // A stolen key writes in its own station's name: that station takes the case planted in its own scope for
    // its own, and tells the applicant it was accepted. Only its certificate's revocation stops that.
    expect(sent.map((m) => m.id.split(':')[1])).toEqual(sent.map(() => idOf(planted.injectedCase)));
  });

  it("the planted 差评 is not counted in the district's figures", async () => {
    expect(await d.node(CENTER).services.db.get(planted.rating._id)).toMatchObject({ level: 'very-dissatisfied' });
    expect(await ratingsOfVictim()).toBe(ratingsBefore);
  });

  it("the planted events on the victim's genuine case are not folded, and show on /api/status and at the district's supervision", async () => {
    const planted2 = (planted.events.events as { id: string }[]).slice(-2).map((e) => e.id);
    const flagged = (await (await d.clerk(V)).get('/api/status')).body.integrity.flagged.find(
      (f: { id: string }) => f.id === story.victim,
    );
    expect(flagged.flags.map((f: { eventId: string; code: string }) => [f.eventId, f.code])).toEqual(
      planted2.map((e) => [e, 'ERR_EVENT_SIGNER']),
    );
    expect(d.node(V).services.index.get(story.victim)).toMatchObject({ status: 'completed', delivery: undefined });
    const flags = (await (await d.clerk(CENTER)).get('/api/supervision/flags')).body.items.find(
      (f: { id: string }) => f.id === story.victim,
    );
    expect(flags.flags).toHaveLength(2);
  });

  it('hallnet audit verify names every planted document as written around the gateway', async () => {
    for (const org of d.orgs) await d.district.stopNode(org);
    await d.district.stopHub();
    const { code, out } = await hallnetExit(['audit', 'verify'], { HUB_DATA: d.hubDir });
    for (const doc of Object.values(planted))
      expect(out).toContain(
        `FAIL document ${doc._id} revision ${doc._rev}: no audit log accepted this revision: written around the gateway`,
      );
    expect(code).toBe(1);
  }, 60_000);
});
