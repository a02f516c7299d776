// 窗口设置: the director names each window and picks the categories it serves.
import { WINDOW_SETUP_PAGE as P } from '../ids/floor-ids.js';
import { errorText } from './api.js';
import { clerkApi, requireClerkWhere } from './clerk-session.js';
import { byId, checkboxes, fill, h, say, type MessageKind } from './dom.js';
import type { QueueWindow } from './queue-types.js';
import { servedText } from './window-served.js';

const boxes = () => checkboxes(byId(P.setupCategories));
const msg = (text: string, kind: MessageKind = 'error') => say(byId(P.setupMsg), text, kind);
let windows: QueueWindow[] = [];

function edit(w: QueueWindow): void {
  byId(P.setupId).value = w.id;
  byId(P.setupName).value = w.name;
  for (const b of boxes()) b.checked = w.categories.includes(Number(b.value));
  byId(P.setupName).focus();
}

function render(): void {
  fill(
    byId(P.setupBody),
    windows.map((w) =>
      h(
        'tr',
        {},
        h('td', {}, w.id),
        h('td', {}, w.name),
        h('td', {}, servedText(w, boxes().length)),
        h('td', {}, w.open ? `开放 · ${w.clerk?.name ?? w.clerk?.id ?? ''}` : '关闭'),
        h(
          'td',
          { class: 'row-actions' },
          h(
            'button',
            { type: 'button', class: 'secondary', 'aria-label': `修改${w.name}`, onclick: () => edit(w) },
            '修改',
          ),
          w.open
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  'aria-label': `关闭${w.name}`,
                  onclick: () => void closeWindow(w),
                },
                '关闭',
              )
            : null,
        ),
      ),
    ),
  );
  if (!byId(P.setupId).value) byId(P.setupId).value = `w${windows.length + 1}`;
}

async function load(): Promise<void> {
  const answer = await clerkApi<{ items: QueueWindow[] }>('/api/queue/windows');
  if (!answer.ok) return msg(errorText(answer));
  windows = answer.body.items;
  render();
}

async function closeWindow(w: QueueWindow): Promise<void> {
  if (!confirm(`确定关闭${w.name}？窗口人员离开未关闭时由负责人关闭。`)) return;
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(w.id)}/close`, { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${w.name}已关闭。`, 'ok');
  await load();
}

byId(P.setupForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = byId(P.setupId).value.trim().toLowerCase();
  const name = byId(P.setupName).value.trim();
  const categories = boxes()
    .filter((b) => b.checked)
    .map((b) => Number(b.value));
  if (!id || !name || !categories.length) return msg('请填写窗口编号、名称，并至少选择一个业务类别');
  const answer = await clerkApi<QueueWindow>(`/api/queue/windows/${encodeURIComponent(id)}`, {
    method: 'PUT',
    body: { name, categories },
  });
  if (!answer.ok) return msg(answer.status === 403 ? '只有大厅负责人可以设置窗口' : errorText(answer));
  msg(`已保存：${answer.body.name}（${servedText(answer.body, boxes().length)}）`, 'ok');
  byId(P.setupId).value = '';
  byId(P.setupName).value = '';
  for (const b of boxes()) b.checked = false;
  await load();
});
byId(P.setupAll).addEventListener('click', () => boxes().forEach((b) => (b.checked = true)));
byId(P.setupNone).addEventListener('click', () => boxes().forEach((b) => (b.checked = false)));

requireClerkWhere(
  (rights) => rights.has('queue.manage'),
  '窗口设置供大厅负责人使用，您的账号没有设置窗口的权限。需要增减窗口或调整办理类别，请联系本厅负责人。',
  () => void load(),
);
