// 评议器: paired once with its window by the clerk's code, it waits on the live feed of the window's
// rating requests, shows the five levels when the clerk offers one, sends the rating through the
// window's device endpoint (its pairing cookie goes along), then says thanks.
import type { DeviceEvent, DeviceOffer } from '../../ratings/device-requests.js';
import type { ElementId } from '../ids/element-id.js';
import { RATING_DEVICE_PAGE as P } from '../ids/supervision-ids.js';
import { api, errorCode, errorText } from './api.js';
import { pageData } from './config.js';
import { byId, say } from './dom.js';
import { liveFeed, type FeedEvents } from './live-feed.js';
import { bindRatingForm, resetRatingForm } from './rating-form.js';

/** The device's feed (GET /api/rating-device/:window/stream): the pending request, then each change. */
type DeviceFeed = FeedEvents<{ window: string; at: string; pending: DeviceOffer | null }, DeviceEvent>;

const THANKS_MS = 8000;
const PANELS = [P.devicePair, P.deviceIdle, P.deviceAsk, P.deviceThanks];
const windowId = pageData('window');
const devicePath = `/api/rating-device/${encodeURIComponent(windowId)}`;
let current: DeviceOffer | null = null;
let feed: EventSource | undefined;
let countdown: ReturnType<typeof setInterval> | undefined;
let thanksTimer: ReturnType<typeof setTimeout> | undefined;

function show(panel: ElementId): void {
  for (const id of PANELS) byId(id).hidden = id !== panel;
  const title = byId(panel).querySelector('h1');
  if (panel !== P.deviceIdle) title?.focus();
}

function idle(): void {
  current = null;
  clearInterval(countdown);
  resetRatingForm();
  show(P.deviceIdle);
}

/** Shows a request; its time left is taken from the node's clock (`serverNow`), not the tablet's. */
function ask(request: DeviceOffer, serverNow: string): void {
  clearTimeout(thanksTimer);
  current = request;
  resetRatingForm();
  byId(P.askSubject).textContent = request.kind === 'case' ? `办理事项：${request.title}` : `排队号：${request.title}`;
  const deadline = Date.now() + Date.parse(request.expiresAt) - Date.parse(serverNow);
  const tick = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) return idle();
    byId(P.askLeft).textContent = `（${Math.ceil(ms / 60_000)} 分钟内有效）`;
  };
  tick();
  clearInterval(countdown);
  countdown = setInterval(tick, 15_000);
  show(P.deviceAsk);
}

function thanks(): void {
  current = null;
  clearInterval(countdown);
  show(P.deviceThanks);
  thanksTimer = setTimeout(idle, THANKS_MS);
}

/** Not paired (or paired again on another tablet): the pairing form, and no feed. */
function unpaired(): void {
  feed?.close();
  feed = undefined;
  current = null;
  clearInterval(countdown);
  show(P.devicePair);
  byId(P.pairCode).focus();
}

function follow(): void {
  feed = liveFeed<DeviceFeed>(
    `${devicePath}/stream`,
    {
      snapshot: ({ pending, at }) => {
        if (pending) ask(pending, at);
        else if (byId(P.deviceThanks).hidden) idle();
      },
      request: ({ request }) => ask(request, request.offeredAt),
      // "rated" after our own send is already thanked; rated elsewhere (the SMS link) or expired ends the request.
      cleared: ({ reason }) => {
        if (current && reason !== 'replaced') idle();
      },
    },
    { node: byId(P.deviceLink), live: '评议器已就绪' },
  );
}

bindRatingForm({
  send: async (body) => {
    const answer = await api(`${devicePath}/rating`, { method: 'POST', body });
    if (errorCode(answer) === 'ERR_DEVICE_NOT_PAIRED') unpaired();
    return answer;
  },
  onDone: thanks,
});

byId(P.pairForm).addEventListener('submit', async (event) => {
  event.preventDefault();
  const code = byId(P.pairCode).value.trim();
  if (!/^\d{6}$/.test(code)) return say(byId(P.pairMsg), '请输入工作人员提供的 6 位配对码');
  const answer = await api(`${devicePath}/pair`, { method: 'POST', body: { code } });
  if (!answer.ok) return say(byId(P.pairMsg), errorText(answer));
  byId(P.pairCode).value = '';
  say(byId(P.pairMsg), '');
  idle();
  follow();
});

// Paired already? The device's cookie answers; without it the clerk's code is asked for.
void api(devicePath).then((answer) => {
  if (errorCode(answer) === 'ERR_DEVICE_NOT_PAIRED') return unpaired();
  idle();
  follow();
});
