// 考评设置: the district's weights and time limits; the district center publishes them, every
// other node shows what it has received.
import type { Actor, SupervisionSettings } from '../../../sync/index.js';
import type { ElementId } from '../ids/element-id.js';
import { SUPERVISION_PAGE as P } from '../ids/supervision-ids.js';
import { errorText } from './api.js';
import { clerkApi, clerkOrg, clerkRoles } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, say } from './dom.js';
import { fmtDateTime } from './formats.js';

/** What GET and PUT /api/supervision/settings answer: the settings in force and who published them. */
interface SettingsView {
  settings: SupervisionSettings;
  published: { at: string; by: Actor } | null;
}

const FIELDS: [ElementId<HTMLInputElement>, (s: SupervisionSettings) => number][] = [
  [P.setRatingDays, (s) => s.ratingDays],
  [P.setFollowupDays, (s) => s.followUpWorkingDays],
  [P.setQueueTarget, (s) => s.queueTargetMinutes],
  [P.setWInstant, (s) => s.weights.instant],
  [P.setWOntime, (s) => s.weights.onTime],
  [P.setWSatisfaction, (s) => s.weights.satisfaction],
  [P.setWQueue, (s) => s.weights.queue],
];

/**
 * Whether the signed-in clerk may publish: as PUT /api/supervision/settings allows, the district
 * center's own admin or supervision office — not its director, nor a department's desk there.
 */
const mayPublish = () =>
  CONFIG.district && clerkOrg() === CONFIG.org && clerkRoles().some((r) => r === 'admin' || r === 'supervisor');

function show(body: SettingsView): void {
  const editable = mayPublish();
  for (const [id, get] of FIELDS) {
    const input = byId(id);
    input.value = String(get(body.settings));
    input.readOnly = !editable;
  }
  const publish = byId(P.svSettings).querySelector<HTMLElement>('button[type=submit]');
  if (publish) publish.closest<HTMLElement>('.field')!.hidden = !editable;
  const by = body.published
    ? `区里于 ${fmtDateTime(body.published.at)} 发布（${body.published.by.name ?? body.published.by.id}）`
    : '使用默认设置（区里尚未发布）';
  byId(P.svSettingsBy).textContent = CONFIG.district && !editable ? `${by}。设置由区管理员或督查室发布。` : by;
}

/** Shows the settings in force; at the district center, the form publishes new ones. */
export async function loadSettings(): Promise<void> {
  const answer = await clerkApi<SettingsView>('/api/supervision/settings');
  if (answer.ok) show(answer.body);
}

byId(P.svSettings).addEventListener('submit', async (e) => {
  e.preventDefault();
  const n = (id: ElementId<HTMLInputElement>) => Number(byId(id).value);
  const body = {
    ratingDays: n(P.setRatingDays),
    followUpWorkingDays: n(P.setFollowupDays),
    queueTargetMinutes: n(P.setQueueTarget),
    weights: {
      instant: n(P.setWInstant),
      onTime: n(P.setWOntime),
      satisfaction: n(P.setWSatisfaction),
      queue: n(P.setWQueue),
    },
  };
  const answer = await clerkApi<SettingsView>('/api/supervision/settings', { method: 'PUT', body });
  if (!answer.ok) return say(byId(P.svSettingsMsg), errorText(answer));
  say(byId(P.svSettingsMsg), '已发布，各节点同步后生效。', 'ok');
  show(answer.body);
});
