import type { IdType } from './case.js';

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why an 18-digit resident ID number (GB 11643) is invalid, or null when it is valid. */
export function residentIdProblem(id: string): string | null {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return 'must be 17 digits and a check digit (0-9 or X)';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const t = Date.parse(`${birth}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== birth || birth < '1900-01-01') {
    return 'birth date in the number is not a real date';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * RESIDENT_WEIGHTS[i]!;
  if (RESIDENT_CHECK[sum % 11] !== id[17]) return 'check digit does not match';
  return null;
}

/** Why an 18-character unified social credit code (GB 32100) is invalid, or null. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18 || [...code].some((ch) => !USCC_CHARS.includes(ch))) {
    return 'must be 18 characters of 0-9 and A-Y without I, O, S, V, Z';
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(code[i]!) * USCC_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  if (USCC_CHARS[check] !== code[17]) return 'check character does not match';
  return null;
}

/** Why an identity document number of the given type is invalid, or null. */
export function idNumberProblem(type: IdType, value: string): string | null {
  switch (type) {
    case 'resident-id':
      return residentIdProblem(value);
    case 'uscc':
      return usccProblem(value);
    default:
      return /^[A-Z0-9]{5,20}$/.test(value) ? null : 'must be 5 to 20 letters and digits';
  }
}

/** An ID number with its middle hidden, for anything shown beyond the clerk: `1101**********123X`. */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return `${value.slice(0, 1)}***`;
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

/** A name with all but its first character hidden: 张三丰 → 张**. */
export function maskName(name: string): string {
  return [...name].map((ch, i) => (i === 0 ? ch : '*')).join('');
}
