// 办件查询: status by query code, no login, no personal data.
import { byId, errorText, fill, fmtDate, fmtDateTime, groupCode, h, lightBadge, say, statusBadge, timeline } from './common.js';

async function track(raw) {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  const msg = byId('track-msg');
  byId('track-result').hidden = true;
  if (!code) return say(msg, '请输入查询码');
  const url = new URL(location.href);
  url.searchParams.set('code', code);
  history.replaceState(null, '', url);
  const answer = await fetch(`/api/track/${encodeURIComponent(code)}`, { cache: 'no-store' }).then(
    async (res) => ({ ok: res.ok, status: res.status, body: await res.json().catch(() => undefined) }),
    () => ({ ok: false, status: 0, body: undefined }),
  );
  if (answer.status === 404) return say(msg, '本站没有查到该查询码的办件。请核对查询码，或到受理该办件的服务大厅查询。');
  if (!answer.ok) return say(msg, errorText(answer));
  say(msg, '');
  const t = answer.body;
  byId('track-result').hidden = false;
  byId('track-title').textContent = t.matterName;
  const fact = (term, ...value) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId('track-facts'),
    fact('查询码', groupCode(t.queryCode)),
    fact('办理状态', statusBadge(t.status), ' ', t.light ? lightBadge(t.light) : null),
    fact('受理机构', t.acceptedAtName),
    fact('受理时间', fmtDateTime(t.acceptedAt)),
    fact('承诺办结', fmtDateTime(t.promisedBy)),
    t.outstandingMaterials ? fact('待补材料', `${t.outstandingMaterials} 件，请于 ${fmtDate(t.makeUpBy)} 前补齐`) : null,
    t.closedAt ? fact('结束时间', fmtDateTime(t.closedAt)) : null,
  );
  fill(byId('track-steps'), timeline(t.steps, { publicOnly: true }));
}

byId('track-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void track(byId('track-code').value);
});
const initial = byId('track-code').value;
if (initial) void track(initial);
