// 窗口设置: the director names each window and picks the categories it serves.
import { byId, errorText, fill, h, say } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const boxes = () => [...byId('setup-categories').querySelectorAll('input[type=checkbox]')];
const msg = (text, kind = 'error') => say(byId('setup-msg'), text, kind);
let windows = [];

function edit(w) {
  byId('setup-id').value = w.id;
  byId('setup-name').value = w.name;
  for (const b of boxes()) b.checked = w.categories.includes(Number(b.value));
  byId('setup-name').focus();
}

function render() {
  fill(
    byId('setup-body'),
    windows.map((w) =>
      h(
        'tr',
        {},
        h('td', {}, w.id),
        h('td', {}, w.name),
        h('td', {}, w.categoryNames.join('、')),
        h('td', {}, w.open ? `开放 · ${w.clerk?.name ?? w.clerk?.id ?? ''}` : '关闭'),
        h(
          'td',
          { class: 'row-actions' },
          h('button', { type: 'button', class: 'secondary', 'aria-label': `修改${w.name}`, onclick: () => edit(w) }, '修改'),
          w.open ? h('button', { type: 'button', class: 'secondary', 'aria-label': `关闭${w.name}`, onclick: () => closeWindow(w) }, '关闭') : null,
        ),
      ),
    ),
  );
  if (!byId('setup-id').value) byId('setup-id').value = `w${windows.length + 1}`;
}

async function load() {
  const answer = await clerkApi('/api/queue/windows');
  if (!answer.ok) return msg(errorText(answer));
  windows = answer.body.items;
  render();
}

async function closeWindow(w) {
  if (!confirm(`确定关闭${w.name}？窗口人员离开未关闭时由负责人关闭。`)) return;
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(w.id)}/close`, { method: 'POST' });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${w.name}已关闭。`, 'ok');
  await load();
}

byId('setup-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = byId('setup-id').value.trim().toLowerCase();
  const name = byId('setup-name').value.trim();
  const categories = boxes().filter((b) => b.checked).map((b) => Number(b.value));
  if (!id || !name || !categories.length) return msg('请填写窗口编号、名称，并至少选择一个业务类别');
  const answer = await clerkApi(`/api/queue/windows/${encodeURIComponent(id)}`, { method: 'PUT', body: { name, categories } });
  if (!answer.ok) return msg(answer.status === 403 ? '只有大厅负责人可以设置窗口' : errorText(answer));
  msg(`已保存：${answer.body.name}（${answer.body.categoryNames.join('、')}）`, 'ok');
  byId('setup-id').value = '';
  byId('setup-name').value = '';
  for (const b of boxes()) b.checked = false;
  await load();
});
byId('setup-all').addEventListener('click', () => boxes().forEach((b) => (b.checked = true)));
byId('setup-none').addEventListener('click', () => boxes().forEach((b) => (b.checked = false)));

requireClerk(() => void load());
