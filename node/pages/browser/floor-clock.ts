// The clock in the floor devices' header (kiosk, calling screen): Beijing time, each half minute.
import { FLOOR_LAYOUT } from '../ids/shared-ids.js';
import { byId } from './dom.js';

const clock = byId(FLOOR_LAYOUT.floorClock);
const FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function tick(): void {
  const now = new Date();
  clock.textContent = FORMAT.format(now);
  clock.dateTime = now.toISOString();
}
tick();
setInterval(tick, 30_000);
