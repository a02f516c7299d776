declare const element: unique symbol;

/**
 * An element id that a page shell renders and its browser code looks up, carrying the element's
 * type: the browser's `byId` takes nothing else and answers that type. Ids are declared only in
 * node/pages/ids/, so a renamed id fails the type check on both sides rather than in Chromium.
 */
export type ElementId<E extends HTMLElement = HTMLElement> = string & { readonly [element]: E };

/** The id of an element of no particular kind (a section, a list, a message). */
export const el = (id: string) => id as ElementId<HTMLElement>;
/** The id of an `<input>`. */
export const input = (id: string) => id as ElementId<HTMLInputElement>;
/** The id of a `<select>`. */
export const select = (id: string) => id as ElementId<HTMLSelectElement>;
/** The id of a `<textarea>`. */
export const textarea = (id: string) => id as ElementId<HTMLTextAreaElement>;
/** The id of a `<form>`. */
export const form = (id: string) => id as ElementId<HTMLFormElement>;
/** The id of a `<button>`. */
export const button = (id: string) => id as ElementId<HTMLButtonElement>;
/** The id of an `<a>`. */
export const anchor = (id: string) => id as ElementId<HTMLAnchorElement>;
/** The id of an `<img>`. */
export const image = (id: string) => id as ElementId<HTMLImageElement>;
/** The id of a `<fieldset>`. */
export const fieldset = (id: string) => id as ElementId<HTMLFieldSetElement>;
/** The id of a `<time>`. */
export const time = (id: string) => id as ElementId<HTMLTimeElement>;
