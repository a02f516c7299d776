// The resident's uploads, checked in the browser: a file of a type the node refuses is flagged at once.
import { say } from './dom.js';

/** The types the node takes (node/http/upload-check.ts), as the browser reports a chosen file's. */
export const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * A file of a type the node refuses is flagged in `msg` as soon as it is chosen, naming the material
 * (the input's `data-name`), and not kept.
 */
export function checkType(input: HTMLInputElement, msg: HTMLElement): void {
  const file = input.files?.[0];
  const wrong = file !== undefined && !TYPES.includes(file.type);
  const wasWrong = input.getAttribute('aria-invalid') === 'true';
  input.setAttribute('aria-invalid', String(wrong));
  if (!wrong) {
    if (wasWrong) say(msg, '');
    return;
  }
  say(msg, `${input.dataset.name}：${file.name} 不是 PDF、JPEG 或 PNG 文件，请重新选择。`);
  input.value = '';
}
