// Dates, query codes and ID numbers as the pages show them.
import { formatDateTime } from '../format.js';

const DATE = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** `2026/11/02 10:32`, Beijing time, as the server-rendered pages write it; `—` for none. */
export const fmtDateTime = (iso: string | null | undefined) => (iso ? formatDateTime(iso) : '—');
/** `2026/11/02`, the day of `fmtDateTime`, for a document that shows times too (one style on a page); `—` for none. */
export const fmtDay = (iso: string | null | undefined) => (iso ? formatDateTime(iso).slice(0, 10) : '—');
/** `2026年11月2日`, Beijing time; `—` for none. */
export const fmtDate = (iso: string | null | undefined) => (iso ? DATE.format(new Date(iso)) : '—');

/** A query code in groups of four, to read aloud over the counter: `ABCD EFGH JK7`. */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** An ID number with its middle hidden, for lists and notices. */
export function maskId(id: string | null | undefined): string {
  const s = id ?? '';
  return s.length > 8 ? `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` : s;
}
