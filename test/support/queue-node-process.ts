/**
 * A hall node with its queue open for business, run as a child process that a test kills
 * (test/kill-during-queue.test.ts): the ticket machine without its kiosk limits, `WINDOWS` windows
 * set up and each opened by its own clerk. It prints one line, `{"url", "clerks"}`, once it
 * serves, and runs until killed.
 */
import { startQueueApp } from './start-queue-app.js';

const [dataDir, org, windows] = process.argv.slice(2);
if (!dataDir || !org) throw new Error('usage: queue-node-process.ts <dataDir> <org> <windows>');
const app = await startQueueApp(dataDir, org, {
  clock: () => new Date(),
  notify: () => {},
  rules: { ticketsPerKioskPerMinute: 100_000, ticketsPerCategoryPerMinute: 100_000 },
});
const clerks: string[] = [];
for (let w = 1; w <= Number(windows ?? 4); w++) {
  await app.queue.setupWindow(`w${w}`, {
    name: `${w}号窗口`,
    categories: Array.from({ length: 15 }, (_, i) => i + 1),
  });
  const token = await app.token(`clerk${w}`);
  const res = await fetch(`${app.url}/api/queue/windows/w${w}/open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`window w${w} not opened: ${res.status}`);
  clerks.push(token);
}
console.log(JSON.stringify({ url: app.url, clerks }));
