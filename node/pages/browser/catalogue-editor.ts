// 事项管理: an admin of the district center drafts a matter's next version from the one in force,
// another admin approves it, and it is published to every hall.
import { CATALOGUE_EDITOR as P } from '../ids/catalogue-editor-ids.js';
import type { ElementId } from '../ids/element-id.js';
import { api, errorText } from './api.js';
import { clearEditorErrors, clearErrorOf, showEditorErrors } from './catalogue-field-errors.js';
import { fileUpload } from './catalogue-file-upload.js';
import {
  inLoadedOrder,
  issueRow,
  issuesFromForm,
  materialRow,
  materialsFromForm,
  stageRow,
  stagesFromForm,
  type Issue,
  type Material,
  type Stage,
} from './catalogue-rows.js';
import { clerkApi, requireClerkWhere } from './clerk-session.js';
import { CONFIG } from './config.js';
import { byId, fill, h, say, type MessageKind } from './dom.js';
import { apiFieldProblems } from './field-errors.js';

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
  stages?: Stage[];
  issues?: Issue[];
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
/** The matter in force as GET /api/catalogue/<code> answers it. */
type Loaded = Record<string, unknown> &
  MatterForm & {
    code: string;
    name: string;
    nationalCode?: string;
    promisedDays: number;
    materials: Material[];
    version?: number;
  };
// The matter in force, as loaded: the fields the form does not show are kept as they are.
let base: Loaded | undefined;

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
  // A department this node does not hold yet is shown by its path, so the matter keeps it.
  const department = byId(P.department);
  for (const path of [m.department, ...(m.stages ?? []).flatMap((s) => s.departments)])
    if (![...department.options].some((o) => o.value === path)) department.append(h('option', { value: path }, path));
  department.value = m.department;
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
  fill(byId(P.stages), (m.stages ?? []).map(stageRow));
  fill(byId(P.issues), (m.issues ?? []).map(issueRow));
}

/** The matter's fields as the form says them now, for the API to check. */
function fieldsFromForm(loaded: Loaded): MatterForm {
  const checkDays = byId(P.commitmentCheckDays).value.trim();
  const stages = stagesFromForm();
  const issues = issuesFromForm(loaded.code);
  return {
    matterType: byId(P.matterType).value,
    decidedBy: byId(P.decidedBy).value,
    department: byId(P.department).value,
    legalDays: numberOf(P.legalDays),
    makeUpDays: numberOf(P.makeUpDays),
    category: numberOf(P.category),
    ...(checkDays ? { commitmentCheckDays: Number(checkDays) } : {}),
    levels: inLoadedOrder(
      loaded.levels,
      LEVELS.filter((n) => byId(P.level(n)).checked),
    ),
    serves: inLoadedOrder(
      loaded.serves,
      SERVES.filter((k) => byId(P.serves(k)).checked),
    ),
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

async function loadMatter(): Promise<void> {
  const code = byId(P.matter).value;
  const answer = await api<Loaded>(`/api/catalogue/${encodeURIComponent(code)}`);
  if (!answer.ok) return msg(errorText(answer));
  base = answer.body;
  clearEditorErrors();
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
          d.state !== 'published' && d.matter ? fileUpload(d, msg, loadDrafts) : null,
        ),
      ),
    ),
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
byId(P.addStage).addEventListener('click', () => byId(P.stages).append(stageRow({})));
byId(P.addIssue).addEventListener('click', () => byId(P.issues).append(issueRow({})));
for (const event of ['input', 'change'])
  byId(P.draftForm).addEventListener(event, (e) => clearErrorOf(e.target as Element));
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
      ...fieldsFromForm(base),
      name: byId(P.name).value.trim(),
      promisedDays: Number(byId(P.promisedDays).value),
      materials: materialsFromForm(base.materials),
      ...(nationalCode ? { nationalCode } : {}),
    };
    body = { code, matter, effectiveFrom };
  }
  const answer = await clerkApi<Draft>('/api/catalogue-drafts', { method: 'POST', body });
  if (!answer.ok) return msg(showEditorErrors(apiFieldProblems(answer)) ?? errorText(answer));
  clearEditorErrors();
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
