// 事项管理's row tables: 并联审批 stages, the licences a matter issues and its materials. Each row
// shows names; the keys the API takes (department paths, licence types, material ids) stay in
// option values and data attributes, so what is posted is what was loaded unless changed.
import { CATALOGUE_EDITOR as P } from '../ids/catalogue-editor-ids.js';
import { L } from './config.js';
import { byId, h } from './dom.js';

/** A material as the catalogue lists it. */
export interface Material {
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
/** A stage of 并联审批: its departments by path. */
export interface Stage {
  name: string;
  departments: string[];
}
/** A licence the matter issues. */
export interface Issue {
  licenceType: string;
  name: string;
  validYears?: number;
}

/** What is chosen, in the order the version loaded had it (new choices after), so an unchanged list posts unchanged. */
export const inLoadedOrder = <T>(loaded: readonly T[], chosen: readonly T[]): T[] => [
  ...loaded.filter((x) => chosen.includes(x)),
  ...chosen.filter((x) => !loaded.includes(x)),
];

const removeButton = () =>
  h(
    'button',
    { type: 'button', class: 'secondary', onclick: (e) => (e.currentTarget as Element).closest('tr')?.remove() },
    '删除',
  );
const text = (cls: string, label: string, maxlength: number, value: string | undefined, extra = {}) =>
  h('input', { type: 'text', class: cls, 'aria-label': label, maxlength, value: value ?? '', ...extra });
const valueIn = (row: Element, cls: string) =>
  (row.querySelector<HTMLInputElement | HTMLSelectElement>(`.${cls}`)?.value ?? '').trim();
const rowsOf = (body: HTMLElement) => [...body.querySelectorAll('tr')];

/** The district's departments as the page lists them for the matter (the one in force kept if unlisted). */
const departmentOptions = (chosen: readonly string[]) =>
  [...byId(P.department).options].map((o) =>
    h('option', { value: o.value, ...(chosen.includes(o.value) ? { selected: true } : {}) }, o.text),
  );

/** A stage's row: its name and its departments, chosen by name from the district's. */
export function stageRow(s: Partial<Stage>): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, text('stage-name', '阶段名称', 60, s.name)),
    h(
      'td',
      {},
      h(
        'select',
        {
          class: 'stage-departments',
          'aria-label': '审批部门',
          multiple: true,
          size: 4,
          'data-loaded': (s.departments ?? []).join(' '),
        },
        ...departmentOptions(s.departments ?? []),
      ),
    ),
    h('td', {}, removeButton()),
  );
}

export function stagesFromForm(): Stage[] {
  return rowsOf(byId(P.stages)).map((row) => {
    const select = row.querySelector<HTMLSelectElement>('.stage-departments');
    const chosen = [...(select?.selectedOptions ?? [])].map((o) => o.value);
    return {
      name: valueIn(row, 'stage-name'),
      departments: inLoadedOrder((select?.dataset.loaded ?? '').split(' '), chosen),
    };
  });
}

/** A licence's row: its name (the district's known licences offered) and years; its type is data-licence-type. */
export function issueRow(i: Partial<Issue>): HTMLTableRowElement {
  return h(
    'tr',
    { 'data-licence-type': i.licenceType ?? '' },
    h('td', {}, text('issue-name', '证照名称', 60, i.name, { list: P.licenceTypes })),
    h(
      'td',
      {},
      h('input', {
        type: 'number',
        class: 'issue-years',
        'aria-label': '有效年限',
        min: 1,
        max: 50,
        value: i.validYears === undefined ? '' : String(i.validYears),
      }),
    ),
    h('td', {}, removeButton()),
  );
}

/**
 * The licences as the form names them. A name the district already issues takes that licence's
 * type; a renamed one keeps its own; a new one gets a fresh type under the matter's code.
 */
export function issuesFromForm(code: string): Issue[] {
  const known = new Map(
    [...byId(P.licenceTypes).querySelectorAll('option')].map((o) => [o.value, o.dataset.licenceType ?? '']),
  );
  const rows = rowsOf(byId(P.issues));
  const taken = new Set(rows.map((r) => r.dataset.licenceType).filter(Boolean));
  const fresh = () => {
    let n = 1;
    const stem = code
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 30);
    while (taken.has(`${stem}-licence-${n}`)) n++;
    taken.add(`${stem}-licence-${n}`);
    return `${stem}-licence-${n}`;
  };
  return rows.map((row) => {
    const name = valueIn(row, 'issue-name');
    const years = valueIn(row, 'issue-years');
    const licenceType = known.get(name) || row.dataset.licenceType || fresh();
    return { licenceType, name, ...(years ? { validYears: Number(years) } : {}) };
  });
}

/** A material's row; its id is data-id, a new row's made up when saved. */
export function materialRow(m: Partial<Material>): HTMLTableRowElement {
  const count = (cls: string, label: string, value: number | undefined, fallback: number) =>
    h('input', {
      type: 'number',
      class: cls,
      'aria-label': label,
      min: 0,
      max: 20,
      value: String(value ?? fallback),
    });
  return h(
    'tr',
    { 'data-id': m.id ?? '' },
    h('td', {}, text('mat-name', '材料名称', 100, m.name)),
    h(
      'td',
      {},
      h(
        'select',
        { class: 'mat-necessity', 'aria-label': '类别' },
        ...Object.entries(L.necessity).map(([v, label]) =>
          h('option', { value: v, ...(v === (m.necessity ?? 'required') ? { selected: true } : {}) }, label),
        ),
      ),
    ),
    h('td', {}, text('mat-source', '来源渠道', 100, m.source)),
    h('td', {}, text('mat-form', '样表', 200, m.form)),
    h(
      'td',
      { class: 'mat-counts' },
      count('mat-originals', '原件份数', m.originals, 1),
      count('mat-copies', '复印件份数', m.copies, 0),
    ),
    h('td', {}, text('mat-note', '说明', 300, m.note)),
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
    h('td', {}, removeButton()),
  );
}

/** The materials as the form says them; what a row does not show (its licence) is kept from `loaded`. */
export function materialsFromForm(loaded: readonly Material[]): Material[] {
  return rowsOf(byId(P.materials)).map((row, i) => {
    const kept = loaded.find((m) => m.id === row.dataset.id);
    return {
      ...(kept ?? {}),
      id: row.dataset.id || `m${i + 1}-${Date.now().toString(36)}`,
      name: valueIn(row, 'mat-name'),
      necessity: valueIn(row, 'mat-necessity'),
      originals: Number(valueIn(row, 'mat-originals')),
      copies: Number(valueIn(row, 'mat-copies')),
      source: valueIn(row, 'mat-source') || undefined,
      form: valueIn(row, 'mat-form') || undefined,
      note: valueIn(row, 'mat-note') || undefined,
      commitment: row.querySelector<HTMLInputElement>('.mat-commitment')?.checked || undefined,
    };
  });
}
