// 邀请评价 on the clerk's case page: once a case is completed, the clerk asks the rating device of
// the window he has open to offer its rating. He never sees the rating itself.
import { byId, errorText, fill, h, say, sessions } from './common.js';
import { clerkApi } from './clerk-session.js';

function card() {
  let section = byId('rating-offer-card');
  if (!section) {
    section = h('section', { class: 'card', id: 'rating-offer-card', 'aria-labelledby': 'rating-offer-title' }, h('h2', { id: 'rating-offer-title' }, '邀请评价'), h('div', { id: 'rating-offer-body' }), h('div', { id: 'rating-offer-msg', hidden: true }));
    byId('case-actions').prepend(section);
  }
  return section;
}

async function offer(caseId, window) {
  const answer = await clerkApi('/api/rating-requests', { method: 'POST', body: { window: window.id, caseId } });
  if (!answer.ok) return say(byId('rating-offer-msg'), errorText(answer));
  say(byId('rating-offer-msg'), `已发送到${window.name}评议器，请办事人在评议器上评价。`, 'ok');
}

document.addEventListener('hallnet:case', async (e) => {
  const c = e.detail;
  if (c.status !== 'completed') {
    byId('rating-offer-card')?.remove();
    return;
  }
  const answer = await clerkApi('/api/queue/windows');
  const me = sessions.clerk.get()?.staff?.account;
  const mine = (answer.body?.items ?? []).find((w) => w.open && w.clerk?.id === me);
  card();
  fill(
    byId('rating-offer-body'),
    mine
      ? [h('p', { class: 'muted' }, `请办事人在${mine.name}的评议器上对本次服务作出评价。评价结果直接提交效能监察，窗口人员看不到。`), h('button', { type: 'button', id: 'rating-offer-button', onclick: () => offer(c.id, mine) }, `在${mine.name}评议器上邀请评价`)]
      : h('p', { class: 'muted' }, '开启叫号窗口后，可邀请办事人在该窗口的评议器上评价；办事人也会收到短信评价链接。'),
  );
});
