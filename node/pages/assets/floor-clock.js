// The clock in the floor devices' header (kiosk, calling screen): Beijing time, each half minute.
const clock = document.getElementById('floor-clock');
const FORMAT = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

function tick() {
  const now = new Date();
  clock.textContent = FORMAT.format(now);
  clock.dateTime = now.toISOString();
}
tick();
setInterval(tick, 30_000);
