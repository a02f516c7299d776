// 督查考评: the dashboard's period and grouping drive the figures, charts, lights and ratings.
import type { ElementId } from '../ids/element-id.js';
import { SUPERVISION_PAGE as P } from '../ids/supervision-ids.js';
import { clerkRights, requireClerk } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, h } from './dom.js';
import { orgNames } from './organisations.js';
import { downloadCsv, loadFigures } from './supervision-figures.js';
import { loadRefusals } from './supervision-refusals.js';
import { loadSettings } from './supervision-settings.js';
import { hideSection, loadLights, loadRatings } from './supervision-watch.js';

const FILTER: readonly (readonly [string, ElementId<HTMLInputElement | HTMLSelectElement>])[] = [
  ['from', P.svFrom],
  ['to', P.svTo],
  ['by', P.svBy],
  ['org', P.svOrg],
];

function params(): string {
  const q = new URLSearchParams();
  for (const [name, id] of FILTER) {
    const v = byId(id).value;
    if (v) q.set(name, v);
  }
  return q.toString();
}

async function halls(): Promise<void> {
  const names = await orgNames();
  const select = byId(P.svOrg);
  const mine = [...names]
    .filter(([path]) => path === CONFIG.org || path.startsWith(`${CONFIG.org}/`))
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [path, name] of mine)
    if (path !== CONFIG.org && !path.includes('/dept/')) select.append(h('option', { value: path }, name));
}

/** The lights and single ratings when the account holds their rights; their cards hidden otherwise. */
async function loadWatch(q: string): Promise<void> {
  const held = await clerkRights();
  // Another account may sign in on the same tab: each card is shown or hidden anew.
  hideSection(P.lightsTitle, !held.has('supervision.view'));
  hideSection(P.ratingsTitle, !held.has('ratings.view'));
  if (held.has('supervision.view')) void loadLights(byId(P.svOrg).value);
  if (held.has('ratings.view')) void loadRatings(q);
}

function loadAll(): void {
  const q = params();
  void loadFigures(q);
  void loadWatch(q);
}

byId(P.svFilter).addEventListener('submit', (e) => {
  e.preventDefault();
  loadAll();
});
byId(P.svCsv).addEventListener('click', () => void downloadCsv(params()));
// The last calendar month that has ended: the period rating figures are published for.
byId(P.svLastMonth).addEventListener('click', () => {
  const firstOfThisMonth = `${byId(P.svTo).value.slice(0, 7) || new Date().toISOString().slice(0, 7)}-01`;
  const lastDay = new Date(Date.parse(`${firstOfThisMonth}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  byId(P.svFrom).value = `${lastDay.slice(0, 7)}-01`;
  byId(P.svTo).value = lastDay;
  loadAll();
});
byId(P.svRatingFilter).addEventListener('submit', (e) => {
  e.preventDefault();
  void loadRatings(params());
});

let started = false;
requireClerk(async () => {
  if (!started) void halls();
  started = true;
  loadAll();
  void loadSettings();
  if (!CONFIG.district) return;
  const refusals = (await clerkRights()).has('supervision.view');
  hideSection(P.refusalsTitle, !refusals);
  if (refusals) void loadRefusals();
});
