// The city supervisor's page in the browser (/city/supervision): sign in at the city's identity
// service, then the per-district figures of cross-district cases from /api/city/figures.
type Figures = {
  accepted: number;
  completed: number;
  onTimeRate: number | null;
  instantRate: number | null;
  lights: Record<'green' | 'yellow' | 'red' | 'paused', number>;
  ratings: number | null;
  satisfactionRate: number | null;
  ratingsWithheld: string | null;
};
type Answer = {
  from: string;
  to: string;
  districts: { district: string; name: string; accepting: Figures; deciding: Figures }[];
};

const TOKEN = 'hallnet.city.supervisor';
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
/** An error answer as the page says it: Chinese first, then English. */
const failure = (body: { error?: { message?: { zh: string; en: string } } }, fallback: string) =>
  body.error?.message ? `${body.error.message.zh}（${body.error.message.en}）` : fallback;

function say(text: string): void {
  const msg = byId<HTMLParagraphElement>('city-msg');
  msg.textContent = text;
  msg.hidden = text === '';
}

function cells(row: HTMLTableRowElement, values: string[]): void {
  for (const v of values) row.insertCell().textContent = v;
}

async function load(): Promise<void> {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return;
  const from = byId<HTMLInputElement>('city-from').value;
  const to = byId<HTMLInputElement>('city-to').value;
  const query = new URLSearchParams({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const res = await fetch(`/api/city/figures?${query}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (!res.ok) {
    if (res.status === 401) sessionStorage.removeItem(TOKEN);
    say(failure(body, `错误 ${res.status}`));
    return;
  }
  say('');
  const answer = body as Answer;
  byId('city-login').hidden = true;
  byId('city-figures').hidden = false;
  byId('city-period').textContent = `统计期 ${answer.from} 至 ${answer.to}`;
  const rows = byId<HTMLTableSectionElement>('city-rows');
  rows.replaceChildren();
  if (answer.districts.length === 0) {
    const cell = rows.insertRow().insertCell();
    cell.colSpan = 9;
    cell.textContent = '统计期内没有跨区办件：各区之间受理、转办的办件由区级平台送达市级平台后在此统计。';
  }
  for (const d of answer.districts) {
    for (const [role, f] of [
      ['受理地', d.accepting],
      ['办理地', d.deciding],
    ] as const) {
      const row = rows.insertRow();
      row.dataset.district = d.district;
      row.dataset.role = role;
      cells(row, [
        d.name,
        role,
        String(f.accepted),
        String(f.completed),
        percent(f.onTimeRate),
        percent(f.instantRate),
        `${f.lights.red} / ${f.lights.yellow} / ${f.lights.green} / ${f.lights.paused}`,
        f.ratingsWithheld ?? String(f.ratings),
        f.ratingsWithheld ?? percent(f.satisfactionRate),
      ]);
      // The slug, for an operator matching a row to the district's hub.
      row.cells[0]!.title = d.district;
    }
  }
}

byId<HTMLFormElement>('city-login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const res = await fetch('/identity/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'staff',
      login: byId<HTMLInputElement>('city-account').value,
      password: byId<HTMLInputElement>('city-password').value,
    }),
  });
  const body = await res.json();
  if (!res.ok) return say(failure(body, '登录失败'));
  sessionStorage.setItem(TOKEN, body.accessToken);
  await load();
});
byId<HTMLFormElement>('city-period-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void load();
});
void load();

export {};
