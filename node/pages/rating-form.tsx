import { RATING_LEVELS, RATING_LEVEL_NAMES } from '../../sync/index.js';
import { RATING_FORM } from './ids/shared-ids.js';

const STARS: Record<(typeof RATING_LEVELS)[number], number> = {
  'very-satisfied': 5,
  satisfied: 4,
  basic: 3,
  dissatisfied: 2,
  'very-dissatisfied': 1,
};

/**
 * 好差评's five levels as big radio tiles, an optional comment and the submit button: the same
 * form on the window's rating device, the SMS link's page and the resident portal (browser/rating-form.ts).
 */
export function RatingForm({ size = 'phone' }: { size?: 'phone' | 'device' }) {
  return (
    <form id={RATING_FORM.ratingForm} class={`rating-form rating-form-${size}`} novalidate>
      <fieldset class="rating-levels">
        <legend>请选择您对本次服务的评价</legend>
        <div class="rating-options">
          {RATING_LEVELS.map((level) => (
            <label class={`rating-option rating-${level}`} for={RATING_FORM.level(level)}>
              <input type="radio" name="level" id={RATING_FORM.level(level)} value={level} />
              <span class="rating-tile">
                <span class="rating-stars" aria-hidden="true">
                  {'★'.repeat(STARS[level])}
                  <span class="rating-stars-off">{'★'.repeat(5 - STARS[level])}</span>
                </span>
                <span class="rating-name">{RATING_LEVEL_NAMES[level]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for={RATING_FORM.ratingComment}>
          意见建议 <span class="hint">（可选，500 字以内）</span>
        </label>
        <textarea id={RATING_FORM.ratingComment} name="comment" maxlength={500} rows={size === 'device' ? 2 : 3} />
      </div>
      <div id={RATING_FORM.ratingMsg} hidden />
      <button type="submit" id={RATING_FORM.ratingSubmit} class="rating-submit" disabled>
        提交评价
      </button>
    </form>
  );
}
