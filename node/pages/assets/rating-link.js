// 服务评价 by the SMS link: what the link rates, then the form; a link rates once.
import { CONFIG, api, byId, errorText, fmtDate, say } from './common.js';
import { bindRatingForm } from './rating-form.js';

const path = `/api/ratings/links/${encodeURIComponent(CONFIG.token)}`;

function done() {
  byId('link-card').hidden = true;
  byId('link-done').hidden = false;
  byId('done-title').focus();
}

async function load() {
  const answer = await api(path);
  if (answer.status === 404) return say(byId('link-msg'), '评价链接无效，请核对短信中的链接。');
  if (!answer.ok) return say(byId('link-msg'), errorText(answer));
  const d = answer.body;
  if (d.rated) return say(byId('link-msg'), '您已评价过，感谢您的参与。', 'info');
  if (!d.rateable) return say(byId('link-msg'), '已超过评价期限，感谢您的关注。', 'info');
  byId('link-title').textContent = d.title;
  byId('link-hall').textContent = `办理机构：${d.hallName}`;
  byId('link-until').textContent = `请于 ${fmtDate(d.closesAt)} 前评价`;
  byId('link-card').hidden = false;
}

bindRatingForm({ send: (body) => api(path, { method: 'POST', body }), onDone: done });
void load();
