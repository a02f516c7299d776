// 督查考评: the dashboard's period and grouping drive the figures, charts, lights and ratings.
import { CONFIG, byId, h, orgNames } from './common.js';
import { requireClerk } from './clerk-session.js';
import { downloadCsv, loadFigures } from './supervision-figures.js';
import { loadSettings } from './supervision-settings.js';
import { loadLights, loadRatings } from './supervision-watch.js';

const form = byId('sv-filter');

function params() {
  const q = new URLSearchParams();
  for (const name of ['from', 'to', 'by', 'org']) {
    const v = form.elements[name].value;
    if (v) q.set(name, v);
  }
  return q.toString();
}

async function halls() {
  const names = await orgNames();
  const select = byId('sv-org');
  const mine = [...names].filter(([path]) => path === CONFIG.org || path.startsWith(`${CONFIG.org}/`)).sort(([a], [b]) => a.localeCompare(b));
  for (const [path, name] of mine) if (path !== CONFIG.org && !path.includes('/dept/')) select.append(h('option', { value: path }, name));
}

function loadAll() {
  const q = params();
  void loadFigures(q);
  void loadLights(form.elements.org.value);
  void loadRatings(q);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  loadAll();
});
byId('sv-csv').addEventListener('click', () => void downloadCsv(params()));
byId('sv-rating-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  void loadRatings(params());
});

let started = false;
requireClerk(() => {
  if (!started) void halls();
  started = true;
  loadAll();
  void loadSettings();
});
