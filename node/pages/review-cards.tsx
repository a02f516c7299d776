import { REVIEW_CARD as R } from './ids/online-ids.js';

/** 预审 of an online application at the hall that handles it: accept, ask for more, or refuse (browser/case-review.ts). */
export function ReviewCard() {
  return (
    <section class="card" aria-labelledby={R.reviewTitle} id={R.reviewCard} hidden>
      <h2 id={R.reviewTitle}>网上申请预审</h2>
      <dl id={R.reviewFacts} class="facts" />
      <p class="hint">审核申请人上传的材料后作出决定；受理后开始计算承诺时限。三种决定都会短信告知申请人。</p>
      <div class="actions">
        <button type="button" id={R.reviewAccept}>
          受理
        </button>
      </div>
      <form id={R.amendForm}>
        <fieldset>
          <legend>要求补充材料</legend>
          <ul id={R.amendList} class="checklist" />
          <label for={R.amendNote}>说明</label>
          <textarea id={R.amendNote} rows={2} maxlength={300} placeholder="如：身份证照片不清晰，请重新拍摄正反面" />
        </fieldset>
        <button type="submit" class="secondary">
          要求补充
        </button>
      </form>
      <form id={R.refuseForm}>
        <label for={R.refuseReason}>不予受理的原因</label>
        <textarea id={R.refuseReason} rows={2} maxlength={500} placeholder="须写明原因，将告知申请人" />
        <button type="submit" class="danger">
          不予受理
        </button>
      </form>
    </section>
  );
}

/** The files of a case with their trust level, what it took from the applicant's library, and checking an upload against the original (C → B). */
export function ScansCard() {
  return (
    <section class="card" aria-labelledby={R.scansTitle} id={R.scansCard} hidden>
      <h2 id={R.scansTitle}>申请材料</h2>
      <ul id={R.scansList} class="result-list" />
    </section>
  );
}
