// 服务评价 by the SMS link: what the link rates, then the form; a link rates once.
import type { Ratings } from '../../ratings/ratings.js';
import { RATING_LINK_PAGE as P } from '../ids/portal-ids.js';
import { api, errorText } from './api.js';
import { pageData } from './config.js';
import { byId, say } from './dom.js';
import { fmtDate } from './formats.js';
import { bindRatingForm } from './rating-form.js';

/** What GET /api/ratings/links/:token answers: what the link rates and whether it still may. */
type LinkView = Awaited<ReturnType<Ratings['describeToken']>>;

const path = `/api/ratings/links/${encodeURIComponent(pageData('token'))}`;

function done(): void {
  byId(P.linkCard).hidden = true;
  byId(P.linkDone).hidden = false;
  byId(P.doneTitle).focus();
}

async function load(): Promise<void> {
  const answer = await api<LinkView>(path);
  if (answer.status === 404) return say(byId(P.linkMsg), '评价链接无效，请核对短信中的链接。');
  if (!answer.ok) return say(byId(P.linkMsg), errorText(answer));
  const d = answer.body;
  if (d.rated) return say(byId(P.linkMsg), '您已评价过，感谢您的参与。', 'info');
  if (!d.rateable) return say(byId(P.linkMsg), '已超过评价期限，感谢您的关注。', 'info');
  byId(P.linkTitle).textContent = d.title;
  byId(P.linkHall).textContent = `办理机构：${d.hallName}`;
  byId(P.linkUntil).textContent = `请于 ${fmtDate(d.closesAt)} 前评价`;
  byId(P.linkCard).hidden = false;
}

bindRatingForm({ send: (body) => api(path, { method: 'POST', body }), onDone: done });
void load();
