// Building and finding elements. Text is always set as text (never as HTML), so data cannot become markup.
import type { ElementId } from '../ids/element-id.js';

/** What `h` takes as children: nodes, text, nothing, or lists of them. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes for `h`: `class`, `for`, `value`, `checked`, `on…` handlers, booleans and strings. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/** Builds an element: attributes (`class`, `for`, `on…` handlers, booleans) and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    } else if (key === 'for' && node instanceof HTMLLabelElement) node.htmlFor = String(value);
    else if (key === 'value' && 'value' in node) (node as HTMLInputElement).value = String(value);
    else if (key === 'checked' && node instanceof HTMLInputElement) node.checked = Boolean(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node: Element, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill<E extends Element>(node: E, ...children: Child[]): E {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** The page's element with this declared id (node/pages/ids/), typed as declared; throws if the page lacks it. */
export function byId<E extends HTMLElement>(id: ElementId<E>): E {
  const node = document.getElementById(id);
  if (!node) throw new Error(`no element #${id} on this page`);
  return node as E;
}

/** The element with this declared id, or null while it is not (or no longer) on the page. */
export function findById<E extends HTMLElement>(id: ElementId<E>): E | null {
  return document.getElementById(id) as E | null;
}

/** How a message reads: an error is announced at once, the others politely. */
export type MessageKind = 'error' | 'warn' | 'info' | 'ok';

/** Shows a message in a live region; errors are announced at once. */
export function say(node: HTMLElement, text: string | undefined, kind: MessageKind = 'error'): void {
  node.hidden = !text;
  node.className = `message message-${kind}`;
  node.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  node.textContent = text ?? '';
}

/** The checkboxes inside an element (a checklist). */
export function checkboxes(node: ParentNode): HTMLInputElement[] {
  return [...node.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
}
