// 服务评价 in the resident portal: one of his own completed cases, rated online once.
import { CONFIG, byId, fmtDate, fmtDateTime } from './common.js';
import { bindRatingForm } from './rating-form.js';
import { residentApi, residentSession } from './resident-session.js';

const path = `/api/my/cases/${encodeURIComponent(CONFIG.caseId)}/rating`;

function show(view) {
  const card = byId('rating-card');
  const given = byId('rating-given');
  const form = byId('rating-form');
  if (!view.rating && !view.rateable) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  form.hidden = !view.rateable;
  byId('rating-until').textContent = view.rateable ? `请于 ${fmtDate(view.closesAt)} 前评价；逾期未评价的视为“基本满意”。` : '';
  given.hidden = !view.rating;
  if (view.rating) {
    const r = view.rating;
    given.textContent = r.channel === 'default' ? `逾期未评价，视为：${r.levelName}` : `您的评价：${r.levelName}（${fmtDateTime(r.ratedAt)}）${r.comment ? `，${r.comment}` : ''}`;
  }
}

async function load() {
  const answer = await residentApi(path);
  if (answer.ok) show(answer.body);
}

bindRatingForm({
  send: (body) => residentApi(path, { method: 'POST', body }),
  onDone: (answer) => show(answer.body),
});
if (residentSession()) void load();
