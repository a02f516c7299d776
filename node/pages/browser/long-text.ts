// A free-text note in a list or a timeline (a 转报说明 may run to 500 characters): two lines, and
// a button to read the rest there, so one note does not push every other row off the screen.
import { h } from './dom.js';

/** Notes longer than this many characters get the 展开 button (two lines hold about this much in a table cell). */
const LONG = 40;

/** `text` in a span of class `cls`, clamped to two lines when long, with a button that opens and closes it. */
export function longText(text: string, cls = ''): HTMLSpanElement {
  if (text.length <= LONG) return h('span', { class: cls }, text);
  const box = h('span', { class: `${cls} long-text` }, h('span', { class: 'long-text-body' }, text));
  const toggle = h('button', { type: 'button', class: 'long-text-toggle', 'aria-expanded': 'false' }, '展开');
  toggle.addEventListener('click', () => {
    const open = box.classList.toggle('is-open');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? '收起' : '展开';
  });
  box.append(toggle);
  return box;
}
