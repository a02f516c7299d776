// The events a page's scripts tell each other through the document, each with its detail's type.
import type { CaseView } from './case-view.js';

/** Event name → what it carries. */
export interface PageEvents {
  /** case.ts rendered this case: the other cards of the case page follow it. */
  'hallnet:case': CaseView;
  /** A card changed the case: case.ts renders it again (and announces it). */
  'hallnet:case-changed': CaseView;
}

/** Tells the page's other scripts. */
export function emit<K extends keyof PageEvents>(name: K, detail: PageEvents[K]): void {
  document.dispatchEvent(new CustomEvent(name, { detail }));
}

/** Listens for what the page's other scripts tell. */
export function on<K extends keyof PageEvents>(name: K, listener: (detail: PageEvents[K]) => void): void {
  document.addEventListener(name, (event) => listener((event as CustomEvent<PageEvents[K]>).detail));
}
