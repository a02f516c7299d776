// 评议器: waits on the live feed of this window's rating requests, shows the five levels when the
// clerk offers one, sends the rating with the request's single-use token, then says thanks.
import { CONFIG, api, byId } from './common.js';
import { bindRatingForm, resetRatingForm } from './rating-form.js';

const THANKS_MS = 8000;
let current = null;
let countdown;
let thanksTimer;

function show(panel) {
  for (const id of ['device-idle', 'device-ask', 'device-thanks']) byId(id).hidden = id !== panel;
  const title = byId(panel).querySelector('h1');
  if (panel !== 'device-idle') title.focus();
}

function idle() {
  current = null;
  clearInterval(countdown);
  resetRatingForm();
  show('device-idle');
}

/** Shows a request; its time left is taken from the node's clock (`serverNow`), not the tablet's. */
function ask(request, serverNow) {
  clearTimeout(thanksTimer);
  current = request;
  resetRatingForm();
  byId('ask-subject').textContent = request.kind === 'case' ? `办理事项：${request.title}` : `排队号：${request.title}`;
  const deadline = Date.now() + Date.parse(request.expiresAt) - Date.parse(serverNow);
  const tick = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) return idle();
    byId('ask-left').textContent = `（${Math.ceil(ms / 60_000)} 分钟内有效）`;
  };
  tick();
  clearInterval(countdown);
  countdown = setInterval(tick, 15_000);
  show('device-ask');
}

function thanks() {
  current = null;
  clearInterval(countdown);
  show('device-thanks');
  thanksTimer = setTimeout(idle, THANKS_MS);
}

bindRatingForm({
  send: (body) => api(`/api/ratings/links/${encodeURIComponent(current?.token ?? '')}`, { method: 'POST', body }),
  onDone: thanks,
});

function connect() {
  const link = byId('device-link');
  const source = new EventSource(`/api/rating-device/${encodeURIComponent(CONFIG.window)}/stream`);
  source.addEventListener('open', () => {
    link.textContent = '评议器已就绪';
    link.classList.remove('is-down');
  });
  source.addEventListener('error', () => {
    link.textContent = '连接中断，正在重连…';
    link.classList.add('is-down');
  });
  source.addEventListener('snapshot', (m) => {
    const { pending, at } = JSON.parse(m.data);
    if (pending) ask(pending, at);
    else if (byId('device-thanks').hidden) idle();
  });
  source.addEventListener('request', (m) => {
    const { request } = JSON.parse(m.data);
    ask(request, request.offeredAt);
  });
  source.addEventListener('cleared', (m) => {
    const { reason } = JSON.parse(m.data);
    // "rated" after our own send is already thanked; rated elsewhere (the SMS link) or expired ends the request.
    if (current && reason !== 'replaced') idle();
  });
}

connect();
