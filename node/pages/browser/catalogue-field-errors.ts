// 事项管理's errors under the fields they concern: the API names a field by its path in the draft
// (`matter.materials.2.name`), and the clerk sees the labelled input marked with
// "申请材料第3项 名称：不能为空", never a bare reason.
import { CATALOGUE_EDITOR as P } from '../ids/catalogue-editor-ids.js';
import type { ElementId } from '../ids/element-id.js';
import { byId } from './dom.js';
import { clearFieldErrors, showFieldErrors, type FieldMap, type FieldProblem } from './field-errors.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The form's single fields by the API's name; a checkbox group is marked at its first box. */
const SINGLE: Record<string, [ElementId<Control>, string]> = {
  code: [P.matter, '事项'],
  effectiveFrom: [P.effectiveFrom, '生效日期'],
  'matter.name': [P.name, '事项名称'],
  'matter.nationalCode': [P.nationalCode, '实施编码'],
  'matter.promisedDays': [P.promisedDays, '承诺时限'],
  'matter.matterType': [P.matterType, '事项类型'],
  'matter.department': [P.department, '实施部门'],
  'matter.decidedBy': [P.decidedBy, '决定机构'],
  'matter.legalDays': [P.legalDays, '法定时限'],
  'matter.makeUpDays': [P.makeUpDays, '容缺补正期限'],
  'matter.commitmentCheckDays': [P.commitmentCheckDays, '告知承诺核查期限'],
  'matter.category': [P.category, '叫号类别'],
  'matter.levels': [P.level(4), '办理层级'],
  'matter.serves': [P.serves('person'), '服务对象'],
};

/** The text areas holding one item a line, and what a fee's parts are called. */
const LINES: Record<string, [ElementId<HTMLTextAreaElement>, string]> = {
  legalBasis: [P.legalBasis, '设定依据'],
  conditions: [P.conditions, '受理条件'],
  procedure: [P.procedure, '办理流程'],
  keywords: [P.keywords, '搜索关键词'],
  fees: [P.fees, '收费'],
};
const FEE_PARTS: Record<string, string> = { item: '项目', amountYuan: '金额', basis: '依据' };

/** The row tables: each field of a row by its control's class and what its column is called. */
const ROWS: Record<string, { title: string; body: ElementId; columns: Record<string, [string, string]> }> = {
  stages: {
    title: '并联审批阶段',
    body: P.stages,
    columns: { name: ['stage-name', '阶段名称'], departments: ['stage-departments', '审批部门'] },
  },
  issues: {
    title: '核发证照',
    body: P.issues,
    columns: { name: ['issue-name', '证照名称'], validYears: ['issue-years', '有效年限'] },
  },
  materials: {
    title: '申请材料',
    body: P.materials,
    columns: {
      name: ['mat-name', '名称'],
      necessity: ['mat-necessity', '类别'],
      source: ['mat-source', '来源渠道'],
      form: ['mat-form', '样表'],
      originals: ['mat-originals', '原件份数'],
      copies: ['mat-copies', '复印件份数'],
      note: ['mat-note', '说明'],
      commitment: ['mat-commitment', '告知承诺'],
    },
  },
};

// The fields marked last time: rows may since have moved, so their marks go before ids are given anew.
let shown: FieldMap = {};

/** The form's fields now, rows numbered as they stand; each row's controls get ids to be marked by. */
function fieldsNow(): FieldMap {
  const map: FieldMap = {};
  for (const [field, [id, name]] of Object.entries(SINGLE)) map[field] = { id, name };
  for (const [list, [id, name]] of Object.entries(LINES)) map[`matter.${list}`] = { id, name };
  for (const [list, { title, body, columns }] of Object.entries(ROWS)) {
    byId(body)
      .querySelectorAll('tr')
      .forEach((row, i) => {
        for (const [key, [cls, label]] of Object.entries(columns)) {
          const control = row.querySelector<HTMLInputElement | HTMLSelectElement>(`.${cls}`);
          if (!control) continue;
          control.id = P.rowControl(list, i, key);
          map[`matter.${list}.${i}.${key}`] = { id: P.rowControl(list, i, key), name: `${title}第${i + 1}项 ${label}` };
        }
      });
  }
  return map;
}

/** A problem in a line of a text area, said under the text area with the line it is in. */
function onLine(p: FieldProblem): FieldProblem {
  const [, list = '', n, part] = p.field.match(/^matter\.(\w+)\.(\d+)(?:\.(\w+))?/) ?? [];
  if (!(list in LINES) || n === undefined) return p;
  const where = `第${Number(n) + 1}条${part ? ` ${FEE_PARTS[part] ?? part}` : ''}`;
  return { field: `matter.${list}`, reason: `${where}：${p.reason}` };
}

/**
 * Marks the fields the API found wrong and answers the form's message: which fields to correct,
 * and any reason for no field of the form; undefined when there is none to show.
 */
export function showEditorErrors(problems: readonly FieldProblem[]): string | undefined {
  clearFieldErrors(shown);
  shown = fieldsNow();
  const placed = problems.map(onLine);
  const marked = showFieldErrors(shown, placed);
  const covers = (p: FieldProblem) => Object.keys(shown).some((f) => p.field === f || p.field.startsWith(`${f}.`));
  const rest = [...new Set(placed.filter((p) => !covers(p)).map((p) => p.reason))];
  return [marked, ...rest].filter(Boolean).join('；') || undefined;
}

/** Removes every mark the last errors left. */
export function clearEditorErrors(): void {
  clearFieldErrors(shown);
}

/** Removes the mark of one control the clerk is correcting. */
export function clearErrorOf(control: Element): void {
  if (control.id) clearFieldErrors({ [control.id]: { id: control.id as ElementId<Control>, name: '' } });
}
