// 考评设置: the district's weights and time limits; the district center publishes them, every
// other node shows what it has received.
import { CONFIG, byId, errorText, fmtDateTime, say } from './common.js';
import { clerkApi } from './clerk-session.js';

const FIELDS = [
  ['set-rating-days', (s) => s.ratingDays],
  ['set-followup-days', (s) => s.followUpWorkingDays],
  ['set-queue-target', (s) => s.queueTargetMinutes],
  ['set-w-instant', (s) => s.weights.instant],
  ['set-w-ontime', (s) => s.weights.onTime],
  ['set-w-satisfaction', (s) => s.weights.satisfaction],
  ['set-w-queue', (s) => s.weights.queue],
];

function show(body) {
  for (const [id, get] of FIELDS) {
    const input = byId(id);
    input.value = String(get(body.settings));
    input.readOnly = !CONFIG.district;
  }
  byId('sv-settings-by').textContent = body.published ? `区里于 ${fmtDateTime(body.published.at)} 发布（${body.published.by.name ?? body.published.by.id}）` : '使用默认设置（区里尚未发布）';
}

/** Shows the settings in force; at the district center, the form publishes new ones. */
export async function loadSettings() {
  const answer = await clerkApi('/api/supervision/settings');
  if (answer.ok) show(answer.body);
}

byId('sv-settings').addEventListener('submit', async (e) => {
  e.preventDefault();
  const n = (id) => Number(byId(id).value);
  const body = {
    ratingDays: n('set-rating-days'),
    followUpWorkingDays: n('set-followup-days'),
    queueTargetMinutes: n('set-queue-target'),
    weights: { instant: n('set-w-instant'), onTime: n('set-w-ontime'), satisfaction: n('set-w-satisfaction'), queue: n('set-w-queue') },
  };
  const answer = await clerkApi('/api/supervision/settings', { method: 'PUT', body });
  if (!answer.ok) return say(byId('sv-settings-msg'), errorText(answer));
  say(byId('sv-settings-msg'), '已发布，各节点同步后生效。', 'ok');
  show(answer.body);
});
