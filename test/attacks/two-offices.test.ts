import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../browser/support/chromium.js';
import type { Client } from '../support/client.js';
import { eventually } from '../support/eventually.js';
import { APPLICANT } from '../support/fixtures.js';
import { PASSWORD } from '../support/start-test-node.js';
import { tempDir } from '../support/temp-dir.js';
import type { CaseDoc } from '../../sync/index.js';
import { A, CENTER, JINGSHAN, startAttackDistrict, type AttackDistrict } from './support/attack-district.js';
import { attackerOf, earlierRevision, nextRev } from './support/attacker.js';
import { appended, eventBy } from './support/forge.js';

// Issue 12's browser finding: a community that forwarded a case to its street could still
// complete or refuse it, so two offices decided one case. Online, only the office holding the
// case decides; cut off from each other, both decisions are kept and the case is flagged.
const ORGS = [CENTER, JINGSHAN, A];
const dir = tempDir('hallnet-two-offices-');
let d: AttackDistrict;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const clerks = new Map<string, Client>();
const pageErrors: string[] = [];

async function accept(): Promise<string> {
  const matter = d.node(A).services.reference.catalogue.search({ q: '残疾人证' })[0]!;
  const received = matter.materials.filter((m) => m.necessity !== 'optional').map((m) => m.id);
  const res = await clerks.get(A)!.post('/api/cases', { matterCode: matter.code, applicant: APPLICANT, received });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** The station's case page in a tab of its own, its clerk logged in there. */
async function casePage(id: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  await page.goto(`${d.node(A).url}/window/cases/${id}`);
  await page.fill('#clerk-account', 'clerk');
  await page.fill('#clerk-password', PASSWORD);
  await page.click('#clerk-login-form button[type=submit]');
  await page.locator('#case-facts').getByText('办理中').waitFor();
  return page;
}

beforeAll(async () => {
  findChromium();
  d = await startAttackDistrict(dir.path, ORGS);
  for (const org of ORGS) clerks.set(org, await d.clerk(org));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await d?.close();
  dir.remove();
});

describe('two offices, one case', () => {
  it('online: once the station forwards a case, its page offers no decision, and a page opened before shows the refusal', async () => {
    const id = await accept();
    const stale = await casePage(id);
    await stale.locator('#complete-card:not([hidden])').waitFor();
    const page = await casePage(id);
    await page.selectOption('#forward-to', JINGSHAN);
    await page.click('#forward-button');
    await page.locator('#case-msg').getByText('已转报至').waitFor();
    await page.locator('#forward-card[hidden]').waitFor({ state: 'attached' });
    expect(await page.locator('#complete-card').isHidden()).toBe(true);
    expect(await page.locator('#reject-button').isHidden()).toBe(true);

    // The page opened before the forwarding still shows the form; the station's node refuses the decision.
    await stale.fill('#complete-result', '社区办结');
    await stale.click('#complete-form button[type=submit]');
    await stale.locator('#case-msg').getByText('本机构不是该办件当前的责任单位').waitFor();
    stale.on('dialog', (dialog) => void dialog.accept());
    await stale.fill('#close-reason', '材料不全');
    await stale.click('#reject-button');
    await stale.locator('#case-msg').getByText('本机构不是该办件当前的责任单位').waitFor();
    await eventually(
      () => ORGS.every((org) => d.node(org).services.index.get(id)?.holder === JINGSHAN),
      20_000,
      'the forwarded case at every hall',
    );
    for (const org of ORGS)
      expect(d.node(org).services.index.get(id)).toMatchObject({ status: 'processing', holder: JINGSHAN, flags: [] });
    expect(
      d
        .node(A)
        .services.index.get(id)!
        .events.map((e) => e.kind),
    ).toEqual(['accepted', 'forwarded']);
    expect(pageErrors).toEqual([]);
  });

  it("partitioned: the street completes while the station records the applicant's withdrawal; after reconnecting both are kept, folded alike everywhere, and the case is flagged", async () => {
    const id = await accept();
    expect((await clerks.get(A)!.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: JINGSHAN })).status).toBe(
      201,
    );
    await eventually(
      () => d.node(JINGSHAN).services.index.get(id)?.holder === JINGSHAN && d.node(CENTER).services.index.get(id),
      20_000,
      'the forwarded case at the street and the district',
    );

    // The hub stops: the street office and the station are cut off from each other. Each decides
    // the case as it may: the street as the office holding it, the station as the hall the
    // applicant handed it in at, when he comes back to withdraw it.
    await d.district.stopHub();
    const completed = await clerks
      .get(JINGSHAN)!
      .post(`/api/cases/${id}/events`, { kind: 'completed', result: '街道办结' });
    const withdrawn = await clerks
      .get(A)!
      .post(`/api/cases/${id}/events`, { kind: 'withdrawn', reason: '申请人到社区撤回' });
    expect([completed.status, withdrawn.status]).toEqual([201, 201]);
    await d.district.startHub();

    const folded = (org: string) => {
      const c = d.node(org).services.index.get(id);
      return (
        c && {
          status: c.status,
          events: c.events.map((e) => e.kind),
          flags: c.flags.map((f) => [f.kind, f.actor.org, f.code]),
        }
      );
    };
    await eventually(
      () => ORGS.every((org) => folded(org)?.events.length === 4),
      30_000,
      'both decisions at every hall',
    );
    await eventually(
      () => ORGS.every((org) => JSON.stringify(folded(org)) === JSON.stringify(folded(CENTER))),
      20_000,
      'one fold everywhere',
    );
    // The street decided first: its completion counts everywhere, the station's withdrawal after it is flagged.
    expect(folded(CENTER)).toEqual({
      status: 'completed',
      events: ['accepted', 'forwarded', 'completed', 'withdrawn'],
      flags: [['withdrawn', A, 'ERR_CASE_CLOSED']],
    });

    const flags = (await clerks.get(CENTER)!.get('/api/supervision/flags')).body.items.find(
      (f: { id: string }) => f.id === id,
    );
    expect(flags).toMatchObject({
      holder: JINGSHAN,
      flags: [
        {
          kind: 'withdrawn',
          code: 'ERR_CASE_CLOSED',
          actor: { org: A },
          reason: expect.stringContaining('办件已结束后的决定'),
        },
      ],
    });
    for (const org of [A, JINGSHAN]) {
      const status = (await (await d.clerk(org)).get('/api/status')).body;
      expect(
        status.integrity.flagged.find((f: { id: string }) => f.id === id)?.flags.map((f: { code: string }) => f.code),
      ).toEqual(['ERR_CASE_CLOSED']);
    }
  }, 90_000);
  it("online, a genuine key: the station's withdrawal dated back before the street's rejection is kept but does not overturn it, nor does its order of the two", async () => {
    const id = await accept();
    expect((await clerks.get(A)!.post(`/api/cases/${id}/events`, { kind: 'forwarded', to: JINGSHAN })).status).toBe(
      201,
    );
    await eventually(
      () => d.node(JINGSHAN).services.index.get(id)?.holder === JINGSHAN,
      20_000,
      'the forwarded case at the street',
    );
    const rejected = await clerks
      .get(JINGSHAN)!
      .post(`/api/cases/${id}/events`, { kind: 'rejected', reason: '不符合条件' });
    expect(rejected.status).toBe(201);
    await eventually(
      () => d.node(A).services.index.get(id)?.status === 'rejected',
      20_000,
      'the rejection at the station',
    );

    // The station's own key: its acceptance and forwarding kept, a withdrawal dated a millisecond
    // after the forwarding, on a branch beside the street's rejection (as a hall cut off would write it).
    const attacker = attackerOf(A, d.district.nodeDir(A), d.district.hubUrl, dir.path);
    const latest = await attacker.read(`case:${id}`);
    const { start, ids } = latest._revisions as { start: number; ids: string[] };
    // Its forwarding revision, rebuilt from the latest (the hub need not hold a body for it).
    const forwarded = earlierRevision(latest, 2, [A, JINGSHAN]);
    const [, forwarding] = (forwarded as unknown as CaseDoc).events;
    const dated = new Date(Date.parse(forwarding!.at) + 1).toISOString();
    const branch = appended(attacker.signer, forwarded, [
      eventBy(A, { kind: 'withdrawn', reason: '申请人撤回' }, dated),
    ]);
    const [answer] = await attacker.push('bulk', [branch]);
    expect(answer!.failure).toBeUndefined();

    const folded = (org: string) => {
      const c = d.node(org).services.index.get(id);
      return c && { status: c.status, flags: c.flags.map((f) => [f.kind, f.actor.org, f.code]) };
    };
    await eventually(
      () => ORGS.every((org) => d.node(org).services.index.get(id)?.events.length === 4),
      30_000,
      'both decisions at every hall',
    );
    // The street holds the case: its rejection counts everywhere, the withdrawal is flagged, whatever its date.
    for (const org of ORGS)
      expect(folded(org)).toEqual({ status: 'rejected', flags: [['withdrawn', A, 'ERR_CASE_CLOSED']] });

    // Then a child of its branch with nothing new but the street's rejection listed after its withdrawal:
    // were that order taken as seen, the withdrawal would count.
    const rejection = (latest as unknown as CaseDoc).events.at(-1)!;
    const reordered = nextRev(branch, { ...branch, events: [...(branch.events as CaseDoc['events']), rejection] });
    const [refused] = await attacker.push('bulk', [reordered]);
    expect(refused!.failure).toMatchObject({
      error: 'forbidden',
      reason: expect.stringContaining('the order the merge gives'),
    });
    await d.caughtUp();
    for (const org of ORGS)
      expect(folded(org)).toEqual({ status: 'rejected', flags: [['withdrawn', A, 'ERR_CASE_CLOSED']] });
  }, 90_000);
});
