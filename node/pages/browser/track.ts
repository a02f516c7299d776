// 办件查询: status by query code for any case of the district, no login, no personal data.
import type { TrackedCase } from '../../../sync/index.js';
import type { Light } from '../../domain/traffic-light.js';
import type { TrackSource } from '../../http/routes/track-routes.js';
import { TRACK_PAGE as P } from '../ids/desk-ids.js';
import { api, errorCode, errorText } from './api.js';
import { lightBadge, phaseBadge } from './badges.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDate, fmtDateTime, groupCode } from './formats.js';
import { holderFact } from './holder-fact.js';
import { residentSession } from './resident-session.js';
import { publicTimeline } from './timeline.js';

/** What GET /api/track/:code answers (node/http/routes/track-routes.ts): status and public steps, no personal data. */
type Tracked = TrackedCase & { light: Light | null; source: TrackSource };

const offline = byId(P.trackOffline);

async function track(raw: string): Promise<void> {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  const msg = byId(P.trackMsg);
  byId(P.trackResult).hidden = true;
  if (!code) return say(msg, '请输入查询码');
  if (!/^[0-9A-Z]{11}$/.test(code))
    return say(msg, `查询码为 11 位数字或字母（见受理通知书），您输入的是 ${code.length} 位，请核对。`);
  const url = new URL(location.href);
  url.searchParams.set('code', code);
  history.replaceState(null, '', url);
  // Logged in, the resident's token goes along: tracking his own case is then not held back by others trying its code.
  const answer = await api<Tracked>(`/api/track/${encodeURIComponent(code)}`, {
    token: residentSession()?.accessToken,
  });
  // Cut off from the hub, a hall can only say what it holds itself; an answer from the hub shows it is back.
  if (errorCode(answer) === 'ERR_HUB_UNREACHABLE') {
    offline.hidden = false;
    return say(msg, '本站没有该查询码的办件。请稍后再试，或到受理该办件的服务大厅查询。', 'warn');
  }
  if (answer.ok && answer.body.source === 'district') offline.hidden = true;
  if (answer.status === 404) return say(msg, '没有查到该查询码的办件。请核对受理通知书上的查询码后重试。');
  // The code's form was checked above: what the node refuses now is its check character (GB/T 17710).
  if (answer.status === 400)
    return say(msg, '查询码有误：最后一位校验码与前 10 位对不上，其中有一位输错了。请逐位核对受理通知书上的查询码。');
  if (!answer.ok) return say(msg, errorText(answer));
  say(msg, '');
  const t = answer.body;
  byId(P.trackResult).hidden = false;
  byId(P.trackTitle).textContent = t.matterName;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  const holder = holderFact(t);
  fill(
    byId(P.trackFacts),
    fact('查询码', groupCode(t.queryCode)),
    fact('办理状态', phaseBadge(t.phase), ' ', t.light ? lightBadge(t.light) : null),
    t.phase === 'returned' ? fact('需要申请人', '补正材料，办理时限暂停计算；详情见短信或登录“居民服务”查看') : null,
    fact('受理机构', t.acceptedAtName),
    holder ? fact(...holder) : null,
    t.acceptedAt
      ? fact('受理时间', fmtDateTime(t.acceptedAt))
      : fact('申请时间', `${fmtDateTime(t.appliedAt)}（网上申请，预审中）`),
    fact('承诺办结', t.promisedBy ? fmtDateTime(t.promisedBy) : '受理后起算'),
    t.outstandingMaterials
      ? fact('待补材料', `${t.outstandingMaterials} 件，请于 ${fmtDate(t.makeUpBy)} 前补齐`)
      : null,
    t.closedAt ? fact('结束时间', fmtDateTime(t.closedAt)) : null,
  );
  fill(byId(P.trackSteps), publicTimeline(t.steps));
}

byId(P.trackForm).addEventListener('submit', (e) => {
  e.preventDefault();
  void track(byId(P.trackCode).value);
});
const initial = byId(P.trackCode).value;
if (initial) void track(initial);
