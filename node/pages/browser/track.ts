// 办件查询: status by query code, no login, no personal data.
import type { CaseStatus } from '../../../sync/case-state.js';
import type { Light } from '../../domain/traffic-light.js';
import { TRACK_PAGE as P } from '../ids/desk-ids.js';
import { api, errorText } from './api.js';
import { lightBadge, statusBadge } from './badges.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDate, fmtDateTime, groupCode } from './formats.js';
import { publicTimeline, type PublicStep } from './timeline.js';

/** What GET /api/track/:code answers (node/http/routes/track.ts): status only, no personal data. */
interface Tracked {
  queryCode: string;
  matterName: string;
  acceptedAt: string;
  acceptedAtName: string;
  promisedBy: string;
  status: CaseStatus;
  light: Light | null;
  outstandingMaterials: number;
  makeUpBy?: string;
  closedAt?: string;
  steps: PublicStep[];
}

async function track(raw: string): Promise<void> {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  const msg = byId(P.trackMsg);
  byId(P.trackResult).hidden = true;
  if (!code) return say(msg, '请输入查询码');
  const url = new URL(location.href);
  url.searchParams.set('code', code);
  history.replaceState(null, '', url);
  const answer = await api<Tracked>(`/api/track/${encodeURIComponent(code)}`);
  if (answer.status === 404) return say(msg, '本站没有查到该查询码的办件。请核对查询码，或到受理该办件的服务大厅查询。');
  if (!answer.ok) return say(msg, errorText(answer));
  say(msg, '');
  const t = answer.body;
  byId(P.trackResult).hidden = false;
  byId(P.trackTitle).textContent = t.matterName;
  const fact = (term: string, ...value: Child[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  fill(
    byId(P.trackFacts),
    fact('查询码', groupCode(t.queryCode)),
    fact('办理状态', statusBadge(t.status), ' ', t.light ? lightBadge(t.light) : null),
    fact('受理机构', t.acceptedAtName),
    fact('受理时间', fmtDateTime(t.acceptedAt)),
    fact('承诺办结', fmtDateTime(t.promisedBy)),
    t.outstandingMaterials ? fact('待补材料', `${t.outstandingMaterials} 件，请于 ${fmtDate(t.makeUpBy)} 前补齐`) : null,
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
