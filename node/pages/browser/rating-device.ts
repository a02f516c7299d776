// 评议器: waits on the live feed of this window's rating requests, shows the five levels when the
// clerk offers one, sends the rating with the request's single-use token, then says thanks.
import type { DeviceEvent, DeviceRequest } from '../../ratings/device-requests.js';
import type { ElementId } from '../ids/element-id.js';
import { RATING_DEVICE_PAGE as P } from '../ids/supervision-ids.js';
import { api } from './api.js';
import { pageData } from './config.js';
import { byId } from './dom.js';
import { liveFeed, type FeedEvents } from './live-feed.js';
import { bindRatingForm, resetRatingForm } from './rating-form.js';

/** The device's feed (GET /api/rating-device/:window/stream): the pending request, then each change. */
type DeviceFeed = FeedEvents<{ window: string; at: string; pending: DeviceRequest | null }, DeviceEvent>;

const THANKS_MS = 8000;
const PANELS = [P.deviceIdle, P.deviceAsk, P.deviceThanks];
let current: DeviceRequest | null = null;
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
function ask(request: DeviceRequest, serverNow: string): void {
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

bindRatingForm({
  send: (body) => api(`/api/ratings/links/${encodeURIComponent(current?.token ?? '')}`, { method: 'POST', body }),
  onDone: thanks,
});

liveFeed<DeviceFeed>(
  `/api/rating-device/${encodeURIComponent(pageData('window'))}/stream`,
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
