// 邀请评价 on the clerk's case page: once a case is completed, the clerk asks the rating device of
// the window he has open to offer its rating — only when a tablet is paired with it; otherwise it
// says what does happen (the SMS link, unless the applicant refused SMS). He never sees the rating itself.
import { CASE_PAGE as P } from '../ids/desk-ids.js';
import { errorText, sessions } from './api.js';
import { clerkApi } from './clerk-session.js';
import { byId, fill, findById, h, say } from './dom.js';
import type { QueueWindow } from './queue-types.js';
import { on } from './page-events.js';

function card(): HTMLElement {
  let section = findById(P.ratingOfferCard);
  if (!section) {
    section = h(
      'section',
      { class: 'card', id: P.ratingOfferCard, 'aria-labelledby': P.ratingOfferTitle },
      h('h2', { id: P.ratingOfferTitle }, '邀请评价'),
      h('div', { id: P.ratingOfferBody }),
      h('div', { id: P.ratingOfferMsg, hidden: true }),
    );
    byId(P.caseActions).prepend(section);
  }
  return section;
}

async function offer(caseId: string, window: QueueWindow): Promise<void> {
  const answer = await clerkApi('/api/rating-requests', { method: 'POST', body: { window: window.id, caseId } });
  if (!answer.ok) return say(byId(P.ratingOfferMsg), errorText(answer));
  say(byId(P.ratingOfferMsg), `已发送到${window.name}评议器，请办事人在评议器上评价。`, 'ok');
}

on('hallnet:case', async (c) => {
  if (c.status !== 'completed') {
    findById(P.ratingOfferCard)?.remove();
    return;
  }
  const answer = await clerkApi<{ items: QueueWindow[] }>('/api/queue/windows');
  const me = sessions.clerk.get()?.staff.account;
  const mine = (answer.ok ? answer.body.items : []).find((w) => w.open && w.clerk?.id === me);
  const paired = mine
    ? await clerkApi<{ paired: boolean }>(`/api/rating-device/${encodeURIComponent(mine.id)}/pairing`)
    : undefined;
  const sms = c.noticesOptedOut ? '办事人已拒收短信，不会收到短信评价链接。' : '办事人将在办结后收到短信评价链接。';
  card();
  // The action that finished the case at the counter has already put its rating on the device.
  if (c.ratingOffer)
    say(byId(P.ratingOfferMsg), `已自动发送到${c.ratingOffer.windowName}评议器，请办事人在评议器上评价。`, 'ok');
  fill(
    byId(P.ratingOfferBody),
    mine && paired?.ok && !paired.body.paired
      ? h('p', { class: 'muted' }, `${mine.name}尚未配对评议器，不能当场评价（可在叫号面板配对）。${sms}`)
      : mine
        ? [
            h(
              'p',
              { class: 'muted' },
              `请办事人在${mine.name}的评议器上对本次服务作出评价。评价结果直接提交效能监察，窗口人员看不到。`,
            ),
            h(
              'button',
              { type: 'button', id: P.ratingOfferButton, onclick: () => void offer(c.id, mine) },
              `在${mine.name}评议器上邀请评价`,
            ),
          ]
        : h('p', { class: 'muted' }, `开启叫号窗口后，可邀请办事人在该窗口已配对的评议器上评价。${sms}`),
  );
});
