// The rating form (rating-form.tsx): a level must be chosen before it can be sent; the comment is
// optional. `bindRatingForm` hands the choice to `send` and shows its error, if any.
import { RATING_FORM as F } from '../ids/shared-ids.js';
import { errorText, type Answer } from './api.js';
import { byId, say } from './dom.js';

/** What the form sends: the level chosen, and the comment if one was written. */
export interface RatingChoice {
  level: string;
  comment?: string;
}

const chosen = () => byId(F.ratingForm).querySelector<HTMLInputElement>('input[name="level"]:checked')?.value;

/** Wires the form: `send({ level, comment })` resolves to an API answer; `onDone` runs after a 2xx. */
export function bindRatingForm<T>({
  send,
  onDone,
}: {
  send: (choice: RatingChoice) => Promise<Answer<T>>;
  onDone: (body: T) => void;
}): void {
  const form = byId(F.ratingForm);
  const submit = byId(F.ratingSubmit);
  const message = byId(F.ratingMsg);
  form.addEventListener('change', () => {
    submit.disabled = !chosen();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const level = chosen();
    if (!level) return say(message, '请先选择一项评价');
    const comment = byId(F.ratingComment).value.trim();
    submit.disabled = true;
    const answer = await send(comment ? { level, comment } : { level });
    if (!answer.ok) {
      submit.disabled = false;
      return say(message, errorText(answer));
    }
    say(message, '');
    onDone(answer.body);
  });
}

/** Clears the form for the next resident. */
export function resetRatingForm(): void {
  byId(F.ratingForm).reset();
  byId(F.ratingSubmit).disabled = true;
  say(byId(F.ratingMsg), '');
}
