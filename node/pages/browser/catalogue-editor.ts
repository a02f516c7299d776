// 事项管理: an admin of the district center drafts a matter's next version from the one in force,
// another admin approves it, and it is published to every hall.
import { CATALOGUE_EDITOR as P } from '../ids/catalogue-editor-ids.js';
import type { ElementId } from '../ids/element-id.js';
import { api, errorText, sessions } from './api.js';
import { clerkApi, requireClerkWhere } from './clerk-session.js';
import { CONFIG, L } from './config.js';
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
  commitment?: boolean;
}
/** The matter's fields the editor shows beyond its name, code and materials. */
interface MatterForm {
  matterType: string;
  decidedBy: string;
  department: string;
  legalDays: number;
  makeUpDays: number;
  category: number;
  commitmentCheckDays?: number;
  levels: number[];
  serves: string[];
  instant: boolean;
  allowsMakeUp: boolean;
  online: boolean;
  bookable: boolean;
  courier: boolean;
  legalBasis: string[];
  conditions: string[];
  procedure: string[];
  keywords: string[];
  fees: { item: string; amountYuan: number; basis?: string }[];
  stages?: { name: string; departments: string[] }[];
  issues?: { licenceType: string; name: string; validYears?: number }[];
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

const FLAGS = ['instant', 'allowsMakeUp', 'online', 'bookable', 'courier'] as const;
const LEVELS = [4, 5, 6] as const;
const SERVES = ['person', 'company'] as const;

// The lines of a text area, trimmed, blank ones left out; a structured line splits at ｜ or |.
const lines = (id: ElementId<HTMLTextAreaElement>) =>
  byId(id)
    .value.split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const parts = (line: string) => line.split(/[｜|]/).map((p) => p.trim());
const setLines = (id: ElementId<HTMLTextAreaElement>, items: readonly string[]) => {
  byId(id).value = items.join('\n');
};
const numberOf = (id: ElementId<HTMLInputElement>) => Number(byId(id).value);

/** Fills the matter's fields from the version in force. */
function showFields(m: MatterForm): void {
  byId(P.matterType).value = m.matterType;
  byId(P.decidedBy).value = m.decidedBy;
  byId(P.department).value = m.department;
  byId(P.legalDays).value = String(m.legalDays);
  byId(P.makeUpDays).value = String(m.makeUpDays);
  byId(P.category).value = String(m.category);
  byId(P.commitmentCheckDays).value = m.commitmentCheckDays === undefined ? '' : String(m.commitmentCheckDays);
  for (const n of LEVELS) byId(P.level(n)).checked = m.levels.includes(n);
  for (const k of SERVES) byId(P.serves(k)).checked = m.serves.includes(k);
  for (const f of FLAGS) byId(P.flag(f)).checked = m[f];
  setLines(P.legalBasis, m.legalBasis);
  setLines(P.conditions, m.conditions);
  setLines(P.procedure, m.procedure);
  setLines(P.keywords, m.keywords);
  setLines(
    P.fees,
    m.fees.map((f) => [f.item, String(f.amountYuan), f.basis ?? ''].join('｜')),
  );
  setLines(
    P.stages,
    (m.stages ?? []).map((s) => `${s.name}｜${s.departments.join('、')}`),
  );
  setLines(
    P.issues,
    (m.issues ?? []).map((i) =>
      [i.licenceType, i.name, i.validYears === undefined ? '' : String(i.validYears)].join('｜'),
    ),
  );
}

/** The matter's fields as the form says them now, for the API to check. */
function fieldsFromForm(): MatterForm {
  const checkDays = byId(P.commitmentCheckDays).value.trim();
  const stages = lines(P.stages).map((l) => {
    const [name = '', departments = ''] = parts(l);
    return { name, departments: departments.split(/[、,，\s]+/).filter(Boolean) };
  });
  const issues = lines(P.issues).map((l) => {
    const [licenceType = '', name = '', years = ''] = parts(l);
    return { licenceType, name, ...(years ? { validYears: Number(years) } : {}) };
  });
  return {
    matterType: byId(P.matterType).value,
    decidedBy: byId(P.decidedBy).value,
    department: byId(P.department).value.trim(),
    legalDays: numberOf(P.legalDays),
    makeUpDays: numberOf(P.makeUpDays),
    category: numberOf(P.category),
    ...(checkDays ? { commitmentCheckDays: Number(checkDays) } : {}),
    levels: LEVELS.filter((n) => byId(P.level(n)).checked),
    serves: SERVES.filter((k) => byId(P.serves(k)).checked),
    instant: byId(P.flag('instant')).checked,
    allowsMakeUp: byId(P.flag('allowsMakeUp')).checked,
    online: byId(P.flag('online')).checked,
    bookable: byId(P.flag('bookable')).checked,
    courier: byId(P.flag('courier')).checked,
    legalBasis: lines(P.legalBasis),
    conditions: lines(P.conditions),
    procedure: lines(P.procedure),
    keywords: lines(P.keywords),
    fees: lines(P.fees).map((l) => {
      const [item = '', amount = '', basis = ''] = parts(l);
      return { item, amountYuan: Number(amount), ...(basis ? { basis } : {}) };
    }),
    ...(stages.length ? { stages } : {}),
    ...(issues.length ? { issues } : {}),
  };
}

function materialRow(m: Partial<Material>): HTMLTableRowElement {
  const count = (cls: string, label: string, value: number | undefined, fallback: number) =>
    h('input', {
      type: 'number',
      class: cls,
      'aria-label': label,
      min: 0,
      max: 20,
      value: String(value ?? fallback),
    });
  const row = h(
    'tr',
    { 'data-id': m.id ?? '' },
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
    h(
      'td',
      { class: 'mat-counts' },
      count('mat-originals', '原件份数', m.originals, 1),
      count('mat-copies', '复印件份数', m.copies, 0),
    ),
    h(
      'td',
      {},
      h('input', { type: 'text', class: 'mat-note', 'aria-label': '说明', maxlength: 300, value: m.note ?? '' }),
    ),
    h(
      'td',
      {},
      h('input', {
        type: 'checkbox',
        class: 'mat-commitment',
        'aria-label': '可告知承诺',
        ...(m.commitment ? { checked: true } : {}),
      }),
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
      originals: Number(value('mat-originals')),
      copies: Number(value('mat-copies')),
      source: value('mat-source') || undefined,
      form: value('mat-form') || undefined,
      note: value('mat-note') || undefined,
      commitment: row.querySelector<HTMLInputElement>('.mat-commitment')?.checked || undefined,
    };
  });
}

async function loadMatter(): Promise<void> {
  const code = byId(P.matter).value;
  const answer = await api<
    Record<string, unknown> &
      MatterForm & {
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
  showFields(answer.body);
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
    // What the form does not show (the files, each material's licence) is kept from the version loaded.
    const { nationalCode: _old, stages: _s, issues: _i, commitmentCheckDays: _c, ...rest } = base;
    void _old, void _s, void _i, void _c;
    const matter = {
      ...rest,
      ...fieldsFromForm(),
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

// Drafts live at the district center only (GET /api/catalogue-drafts answers there alone).
const atCenter = !CONFIG.org.includes('/');
requireClerkWhere(
  (rights) => atCenter && rights.has('catalogue.publish'),
  atCenter
    ? '事项管理供区政务服务中心的管理员使用，您的账号没有起草和发布事项的权限。事项内容有误，请联系区管理员。'
    : '事项由区政务服务中心的管理员在区中心起草、审核和发布，各服务站同步后使用；本站不编辑事项。',
  () => void loadDrafts(),
);
