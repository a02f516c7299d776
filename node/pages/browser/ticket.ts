// 我的排队号: the ticket's state, people ahead, the window it is called to, and 过号补号.
import { TICKET_PAGE as P } from '../ids/floor-ids.js';
import { api, errorText } from './api.js';
import { CONFIG, pageData } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';
import type { TicketView } from './queue-types.js';

const POLL_MS = 5000;
const path = `/api/queue/tickets/${encodeURIComponent(pageData('ticketId'))}`;
let timer: ReturnType<typeof setTimeout> | undefined;

function render(t: TicketView): void {
  byId(P.ticketCard).hidden = false;
  // The queue names its hall by the node's organisation; the page knows the hall's own name.
  byId(P.ticketHall).textContent = CONFIG.orgName;
  byId(P.ticketNumber).textContent = t.number;
  byId(P.ticketCategory).textContent = t.categoryName;
  const stateLine = byId(P.ticketState);
  stateLine.className = `ticket-state ticket-state-${t.state}`;
  const estimate = t.estimatedWaitMinutes ? ` · 预计约 ${t.estimatedWaitMinutes} 分钟` : '';
  const waiting =
    t.ahead === null
      ? t.stateName
      : t.ahead === 0
        ? '等候中 · 下一个就是您'
        : `等候中 · 前面还有 ${t.ahead} 人${estimate}`;
  stateLine.textContent =
    t.state === 'waiting' ? waiting : t.state === 'called' && t.window ? `请到 ${t.window.name} 办理` : t.stateName;
  const w = byId(P.ticketWindow);
  w.hidden = t.state !== 'parked' || !t.window;
  w.textContent = t.state === 'parked' && t.window ? `已在 ${t.window.name} 暂挂，材料备齐后请回到该窗口` : '';
  const lane =
    t.lane === 'appointment'
      ? `预约（${fmtDateTime(t.appointmentSlot)}）`
      : t.lane === 'priority'
        ? `优先 · ${t.priorityName ?? ''}`
        : '普通';
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId(P.ticketFacts),
    fact('排队类型', lane),
    fact('取号时间', fmtDateTime(t.issuedAt)),
    t.calledAt ? fact('叫号时间', fmtDateTime(t.calledAt)) : null,
    t.finishedAt ? fact('办结时间', fmtDateTime(t.finishedAt)) : null,
  );
  byId(P.reissueBox).hidden = !t.reissueUntil;
  byId(P.reissueText).textContent = t.reissueUntil
    ? `您已过号。${fmtDateTime(t.reissueUntil).slice(-5)} 前可以补号，按原来的顺序排队，无需重新取号。`
    : '';
  if (t.state === 'no-show' && !t.reissueUntil)
    say(byId(P.ticketMsg), '您已过号，补号时间已过或已补过号，请重新取号。', 'warn');
}

async function load(): Promise<void> {
  clearTimeout(timer);
  const answer = await api<TicketView>(path);
  if (answer.status === 404) return say(byId(P.ticketMsg), '没有这个排队号，请核对号票上的二维码或链接。');
  if (!answer.ok) say(byId(P.ticketMsg), errorText(answer));
  else {
    if (byId(P.ticketMsg).className.includes('message-error')) say(byId(P.ticketMsg), '');
    render(answer.body);
    if (answer.body.state === 'finished') return;
  }
  timer = setTimeout(load, POLL_MS);
}

byId(P.reissueButton).addEventListener('click', async () => {
  const answer = await api<TicketView>(`${path}/reissue`, { method: 'POST' });
  if (!answer.ok) return say(byId(P.ticketMsg), errorText(answer));
  say(byId(P.ticketMsg), `补号成功：${answer.body.number} 已回到原来的位置，请留意叫号。`, 'ok');
  render(answer.body);
  timer = setTimeout(load, POLL_MS);
});

void load();
