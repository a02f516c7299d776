const LETTERS = 'ABCDEFGHIJKLMNO';

/** The letter a category's tickets carry on the slip and the calling screen: 1 → A … 15 → O. */
export function categoryLetter(category: number): string {
  const letter = LETTERS[category - 1];
  if (!letter) throw new RangeError(`no category ${category}`);
  return letter;
}

/**
 * A ticket's number as residents read it: its category's letter and the day's count for that
 * category, at least three digits — A001, C117, and A1000 on a very busy day.
 */
export function ticketNumber(category: number, n: number): string {
  return `${categoryLetter(category)}${String(n).padStart(3, '0')}`;
}
