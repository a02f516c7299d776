// Errors where they belong: each field the node (or the page's own check) found wrong is marked
// invalid and gets its Chinese reason right below it, naming the field; the form's message then
// only says which fields to correct, so nothing on the page contradicts it.
import type { ElementId } from '../ids/element-id.js';
import { FIELD_ERROR } from '../ids/shared-ids.js';
import type { ApiError } from './api.js';
import { findById, h } from './dom.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A form's fields by the API's field name (`applicant.phone`, without `body.`): the control and what the clerk calls it. */
export type FieldMap = Record<string, { id: ElementId<Control>; name: string }>;

/** One field found wrong: the API's field name and the reason in Chinese. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** The fields an API answer found wrong, `body.` taken off and each reason in its Chinese half. */
export function apiFieldProblems(answer: { body?: unknown }): FieldProblem[] {
  const issues = (answer.body as ApiError | undefined)?.error?.issues ?? [];
  return issues.map((i) => ({
    field: String(i.field).replace(/^body\./, ''),
    reason: String(i.reason).split(' / ').pop() ?? '',
  }));
}

/** Removes every mark and message of the form's fields. */
export function clearFieldErrors(fields: FieldMap): void {
  for (const { id } of Object.values(fields)) {
    const control = findById(id);
    control?.removeAttribute('aria-invalid');
    control?.removeAttribute('aria-describedby');
    findById(FIELD_ERROR.of(id))?.remove();
  }
}

/**
 * Marks the fields the problems name and writes each reason below its field ("手机号码：须为 11 位手机号码");
 * clears the rest. Answers the summary for the form's message ("请更正标红的字段：手机号码、姓名/名称"),
 * or undefined when no problem names a field of this form (the caller then shows the error as it is).
 */
export function showFieldErrors(fields: FieldMap, problems: readonly FieldProblem[]): string | undefined {
  clearFieldErrors(fields);
  const named: string[] = [];
  let first: Control | null = null;
  for (const [field, { id, name }] of Object.entries(fields)) {
    const reasons = [
      ...new Set(problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map((p) => p.reason)),
    ];
    const control = findById(id);
    if (!reasons.length || !control) continue;
    const message = h(
      'p',
      { id: FIELD_ERROR.of(id), class: 'field-error', role: 'alert' },
      `${name}：${reasons.join('；')}`,
    );
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', FIELD_ERROR.of(id));
    control.insertAdjacentElement('afterend', message);
    named.push(name);
    first ??= control;
  }
  first?.focus();
  return named.length ? `请更正标红的字段：${named.join('、')}` : undefined;
}
