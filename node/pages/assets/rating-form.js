// The rating form (rating-form.tsx): a level must be chosen before it can be sent; the comment is
// optional. `bindRatingForm` hands the choice to `send` and shows its error, if any.
import { byId, errorText, say } from './common.js';

/** Wires the form: `send({ level, comment })` resolves to an API answer; `onDone` runs after a 2xx. */
export function bindRatingForm({ send, onDone }) {
  const form = byId('rating-form');
  const submit = byId('rating-submit');
  const message = byId('rating-msg');
  form.addEventListener('change', () => {
    submit.disabled = !form.querySelector('input[name="level"]:checked');
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const level = form.querySelector('input[name="level"]:checked')?.value;
    if (!level) return say(message, '请先选择一项评价');
    const comment = byId('rating-comment').value.trim();
    submit.disabled = true;
    const answer = await send(comment ? { level, comment } : { level });
    if (!answer.ok) {
      submit.disabled = false;
      return say(message, errorText(answer));
    }
    say(message, '');
    onDone(answer);
  });
}

/** Clears the form for the next resident. */
export function resetRatingForm() {
  const form = byId('rating-form');
  form.reset();
  byId('rating-submit').disabled = true;
  say(byId('rating-msg'), '');
}
