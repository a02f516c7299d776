// 服务评价 in the resident portal: one of his own completed cases, rated online once.
import type { ResidentRatingView } from '../../ratings/ratings.js';
import { PORTAL_CASE_PAGE as P } from '../ids/portal-ids.js';
import { RATING_FORM } from '../ids/shared-ids.js';
import { pageData } from './config.js';
import { byId } from './dom.js';
import { fmtDate, fmtDateTime } from './formats.js';
import { bindRatingForm } from './rating-form.js';
import { residentApi, residentSession } from './resident-session.js';

const path = `/api/my/cases/${encodeURIComponent(pageData('caseId'))}/rating`;

function show(view: ResidentRatingView): void {
  const card = byId(P.ratingCard);
  const given = byId(P.ratingGiven);
  const form = byId(RATING_FORM.ratingForm);
  if (!view.rating && !view.rateable) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  form.hidden = !view.rateable;
  byId(P.ratingUntil).textContent = view.rateable
    ? `请于 ${fmtDate(view.closesAt)} 前评价；逾期未评价的视为“基本满意”。`
    : '';
  given.hidden = !view.rating;
  if (view.rating) {
    const r = view.rating;
    given.textContent =
      r.channel === 'default'
        ? `逾期未评价，视为：${r.levelName}`
        : `您的评价：${r.levelName}（${fmtDateTime(r.ratedAt)}）${r.comment ? `，${r.comment}` : ''}`;
  }
}

async function load(): Promise<void> {
  const answer = await residentApi<ResidentRatingView>(path);
  if (answer.ok) show(answer.body);
}

bindRatingForm({
  send: (body) => residentApi<ResidentRatingView>(path, { method: 'POST', body }),
  onDone: show,
});
if (residentSession()) void load();
