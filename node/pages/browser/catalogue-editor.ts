// 事项管理: an admin of the district center drafts a matter's next version from the one in force,
// another admin approves it, and it is published to every hall.
import { CATALOGUE_EDITOR as P } from '../ids/catalogue-editor-ids.js';
import { api, errorText, sessions } from './api.js';
import { clerkApi, requireClerk } from './clerk-session.js';
import { L } from './config.js';
import { byId, fill, h, say, type MessageKind } from './dom.js';

interface Material {
  id: string;
  name: string;
  necessity: string;
  originals: number;
  copies: number;
  source?: string;
  form?: string;
  note?: string;
}
interface Draft {
  code: string;
  version: number;
  matter?: { name: string; files?: { id: string; title: string; kind: string }[] };
  retire: boolean;
  effectiveFrom: string;
  state: 'draft' | 'approved' | 'published';
  drafter: { id: string; name?: string };
  review?: { by: { id: string; name?: string } };
  published?: { by: { id: string; name?: string } };
}

const STATES: Record<Draft['state'], string> = { draft: '待审核', approved: '已审核，待发布', published: '已发布' };
const msg = (text: string, kind: MessageKind = 'error') => say(byId(P.msg), text, kind);
// The matter in force, as loaded: the fields the form does not show are kept as they are.
let base: Record<string, unknown> | undefined;

function materialRow(m: Partial<Material>): HTMLTableRowElement {
  const row = h(
    'tr',
    { 'data-id': m.id ?? '', 'data-originals': String(m.originals ?? 1), 'data-copies': String(m.copies ?? 0) },
    h(
      'td',
      {},
      h('input', { type: 'text', class: 'mat-name', 'aria-label': '材料名称', maxlength: 100, value: m.name ?? '' }),
    ),
    h(
      'td',
      {},
      h(
        'select',
        { class: 'mat-necessity', 'aria-label': '类别' },
        ...Object.entries(L.necessity).map(([v, text]) =>
          h('option', { value: v, ...(v === (m.necessity ?? 'required') ? { selected: true } : {}) }, text),
        ),
      ),
    ),
    h(
      'td',
      {},
      h('input', {
        type: 'text',
        class: 'mat-source',
        'aria-label': '来源渠道',
        maxlength: 100,
        value: m.source ?? '',
      }),
    ),
    h(
      'td',
      {},
      h('input', { type: 'text', class: 'mat-form', 'aria-label': '样表', maxlength: 200, value: m.form ?? '' }),
    ),
    h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, '删除')),
  );
  return row;
}

function materialsFromForm(): Material[] {
  return [...byId(P.materials).querySelectorAll('tr')].map((row, i) => {
    const value = (cls: string) =>
      (row.querySelector<HTMLInputElement | HTMLSelectElement>(`.${cls}`)?.value ?? '').trim();
    const kept = (base?.materials as Material[] | undefined)?.find((m) => m.id === row.dataset.id);
    return {
      ...(kept ?? {}),
      id: row.dataset.id || `m${i + 1}-${Date.now().toString(36)}`,
      name: value('mat-name'),
      necessity: value('mat-necessity'),
      originals: Number(row.dataset.originals),
      copies: Number(row.dataset.copies),
      ...(value('mat-source') ? { source: value('mat-source') } : { source: undefined }),
      ...(value('mat-form') ? { form: value('mat-form') } : { form: undefined }),
    };
  });
}

async function loadMatter(): Promise<void> {
  const code = byId(P.matter).value;
  const answer = await api<
    Record<string, unknown> & {
      name: string;
      nationalCode?: string;
      promisedDays: number;
      materials: Material[];
      version?: number;
    }
  >(`/api/catalogue/${encodeURIComponent(code)}`);
  if (!answer.ok) return msg(errorText(answer));
  base = answer.body;
  byId(P.name).value = answer.body.name;
  byId(P.nationalCode).value = answer.body.nationalCode ?? '';
  byId(P.promisedDays).value = String(answer.body.promisedDays);
  fill(byId(P.materials), answer.body.materials.map(materialRow));
  msg(`已载入现行版本（第 ${answer.body.version ?? 1} 版）`, 'info');
}

function who(a: { id: string; name?: string } | undefined): string {
  return a ? (a.name ?? a.id) : '—';
}

async function loadDrafts(): Promise<void> {
  const answer = await clerkApi<{ items: Draft[] }>('/api/catalogue-drafts');
  if (!answer.ok)
    return msg(
      answer.status === 403 ? `只有区政务服务中心的管理员可以管理事项：${errorText(answer)}` : errorText(answer),
    );
  fill(
    byId(P.drafts),
    answer.body.items.map((d) =>
      h(
        'tr',
        { 'data-draft': `${d.code}@${d.version}` },
        h(
          'td',
          {},
          `${d.code} ${d.matter?.name ?? ''}`,
          ...(d.matter?.files ?? []).map((f) =>
            h('div', { class: 'muted' }, `${f.kind === 'blank' ? '空白表格' : '示例样表'}：${f.title}`),
          ),
        ),
        h('td', {}, `第 ${d.version} 版${d.retire ? '（下线）' : ''}`),
        h('td', {}, d.effectiveFrom),
        h('td', {}, STATES[d.state]),
        h('td', {}, `${who(d.drafter)} / ${who(d.review?.by)} / ${who(d.published?.by)}`),
        h(
          'td',
          { class: 'row-actions' },
          d.state === 'draft'
            ? h(
                'button',
                { type: 'button', class: 'secondary', onclick: () => void act(d, 'approve', '已审核通过') },
                '审核通过',
              )
            : null,
          d.state !== 'published'
            ? h(
                'button',
                { type: 'button', onclick: () => void act(d, 'publish', '已发布，各服务站同步后按生效日期启用') },
                '发布',
              )
            : null,
          d.state !== 'published' && d.matter ? fileUpload(d) : null,
        ),
      ),
    ),
  );
}

/** 上传表格: a blank form or sample (PDF, JPEG, PNG) attached to the draft; an approved draft then needs a review again. */
function fileUpload(d: Draft): HTMLElement {
  const file = h('input', {
    type: 'file',
    accept: 'application/pdf,image/jpeg,image/png',
    'aria-label': `${d.code} 第 ${d.version} 版的表格文件`,
  });
  const title = h('input', {
    type: 'text',
    maxlength: 100,
    placeholder: '表格名称',
    'aria-label': `${d.code} 第 ${d.version} 版的表格名称`,
  });
  const kind = h(
    'select',
    { 'aria-label': '表格类型' },
    h('option', { value: 'blank' }, '空白表格'),
    h('option', { value: 'sample' }, '示例样表'),
  );
  const upload = async () => {
    const chosen = file.files?.[0];
    if (!chosen || !title.value.trim()) return msg('请选择文件并填写表格名称');
    const id = `f${Date.now().toString(36)}`;
    const path = `/api/catalogue-drafts/${encodeURIComponent(d.code)}/${d.version}/files/${id}?title=${encodeURIComponent(title.value.trim())}&kind=${kind.value}`;
    const res = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}`, 'content-type': chosen.type },
      body: chosen,
    });
    const body = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) return msg(errorText({ status: res.status, body }));
    msg(`已上传：${title.value.trim()}${d.state === 'approved' ? '；草稿已退回待审核' : ''}`, 'ok');
    await loadDrafts();
  };
  return h(
    'div',
    { class: 'file-upload' },
    kind,
    title,
    file,
    h('button', { type: 'button', class: 'secondary', onclick: () => void upload() }, '上传表格'),
  );
}

async function act(d: Draft, step: 'approve' | 'publish', done: string): Promise<void> {
  const answer = await clerkApi(`/api/catalogue-drafts/${encodeURIComponent(d.code)}/${d.version}/${step}`, {
    method: 'POST',
  });
  if (!answer.ok) return msg(errorText(answer));
  msg(`${d.code} 第 ${d.version} 版${done}`, 'ok');
  await loadDrafts();
}

byId(P.load).addEventListener('click', () => void loadMatter());
byId(P.addMaterial).addEventListener('click', () => byId(P.materials).append(materialRow({})));
byId(P.draftForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const code = byId(P.matter).value;
  const effectiveFrom = byId(P.effectiveFrom).value;
  let body: Record<string, unknown>;
  if (byId(P.retire).checked) body = { code, retire: true, effectiveFrom };
  else {
    if (!base || base.code !== code) return msg('请先载入该事项的现行版本');
    const nationalCode = byId(P.nationalCode).value.trim();
    const { nationalCode: _old, ...rest } = base;
    void _old;
    const matter = {
      ...rest,
      name: byId(P.name).value.trim(),
      promisedDays: Number(byId(P.promisedDays).value),
      materials: materialsFromForm(),
      ...(nationalCode ? { nationalCode } : {}),
    };
    body = { code, matter, effectiveFrom };
  }
  const answer = await clerkApi<Draft>('/api/catalogue-drafts', { method: 'POST', body });
  if (!answer.ok) return msg(errorText(answer));
  msg(`已保存草稿：${code} 第 ${answer.body.version} 版，请另一名管理员审核`, 'ok');
  await loadDrafts();
});

requireClerk(() => void loadDrafts());
