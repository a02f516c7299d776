// The events a page's scripts tell each other through the document, each with its detail's type.
import type { CaseView } from './case-view.js';

/** Event name → what it carries. */
export interface PageEvents {
  /** case.ts rendered this case: the other cards of the case page follow it. */
  'hallnet:case': CaseView;
  /** A card changed the case: case.ts renders it again (and announces it). */
  'hallnet:case-changed': CaseView;
}

/** The last detail told of each event, for a script that starts listening after it was told. */
const told = new Map<keyof PageEvents, unknown>();

/** Tells the page's other scripts. */
export function emit<K extends keyof PageEvents>(name: K, detail: PageEvents[K]): void {
  told.set(name, detail);
  document.dispatchEvent(new CustomEvent(name, { detail }));
}

/**
 * Listens for what the page's other scripts tell, starting with what they told already: the
 * browser runs a page's module scripts in order, but one still arriving (a slow line) lets the
 * first script's API answer come in and be told before the later script listens.
 */
export function on<K extends keyof PageEvents>(name: K, listener: (detail: PageEvents[K]) => void): void {
  document.addEventListener(name, (event) => listener((event as CustomEvent<PageEvents[K]>).detail));
  if (told.has(name)) listener(told.get(name) as PageEvents[K]);
}
