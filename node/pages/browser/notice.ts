// 受理通知书: the acceptance notice of one case, as the applicant takes it home.
import { NOTICE_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import type { CaseView } from './case-view.js';
import { clerkApi, requireClerk } from './clerk-session.js';
import { CONFIG, pageData } from './config.js';
import { byId, fill, h, say, type Child } from './dom.js';
import { fmtDateTime, fmtDay, groupCode, maskId } from './formats.js';

const row = (th: string, ...td: Child[]) => h('tr', {}, h('th', { scope: 'row' }, th), h('td', {}, ...td));

async function load(): Promise<void> {
  const answer = await clerkApi<CaseView>(`/api/cases/${encodeURIComponent(pageData('caseId'))}`);
  if (!answer.ok) return say(byId(P.noticeMsg), errorText(answer));
  const c = answer.body;
  if (c.scope !== CONFIG.org || !c.acceptedAt)
    return say(
      byId(P.noticeMsg),
      c.acceptedAt ? `本件由${c.scopeName}受理，受理通知书请到${c.scopeName}补打。` : '本件尚未受理，没有受理通知书。',
      'info',
    );
  const makeUp = c.outstanding.length > 0;
  // A material stood for by a commitment is listed as such, not as handed in.
  const handedIn = c.received.filter((m) => !c.commitments.some((x) => x.materialId === m.id));
  byId(P.notice).hidden = false;
  // Printing is offered only with a notice to print: not for a case another hall accepted, nor one not accepted.
  byId(P.printNotice).hidden = false;
  // The query code is the notice's number: shown once, grouped, in its box below.
  byId(P.noticeNo).textContent = c.scopeName;
  byId(P.noticeApplicant).textContent = c.applicant.name;
  const review = makeUp ? '主要申请材料齐全，部分次要材料可容后补正' : '申请材料齐全、符合法定形式';
  const outcome =
    c.status === 'completed' ? '现予受理并当场办结。' : `现予受理，承诺于 ${fmtDay(c.promisedBy)} 前办结。`;
  byId(P.noticeBody).textContent =
    `你（单位）于 ${fmtDateTime(c.appliedAt ?? c.acceptedAt)} 提出的“${c.matterName}”申请，经审查，${review}，${outcome}`;
  const code = byId(P.noticeCode);
  code.textContent = groupCode(c.queryCode);
  // Screen readers spell the code character by character, as the clerk reads it aloud.
  code.setAttribute('aria-label', `查询码 ${c.queryCode.split('').join(' ')}`);
  fill(
    byId(P.noticeTable),
    row('事项名称', c.matterName),
    row('申请人', c.applicant.name),
    row('证件号码', maskId(c.applicant.idNumber)),
    row('受理机构', c.scopeName),
    row('受理时间', fmtDateTime(c.acceptedAt)),
    row('承诺办结时间', c.status === 'completed' ? '已当场办结' : fmtDateTime(c.promisedBy)),
    row('已收材料', handedIn.length ? handedIn.map((m) => m.name).join('、') : '无'),
    c.commitments.length
      ? row(
          '告知承诺材料',
          c.commitments
            .map((m) => `${m.name}（${m.signedBy} 于 ${fmtDateTime(m.signedAt)} 签署告知承诺书）`)
            .join('、'),
        )
      : null,
    c.commitments.length && c.checkBy ? row('承诺核查期限', fmtDateTime(c.checkBy)) : null,
    makeUp ? row('容缺材料', c.outstanding.map((m) => m.name).join('、')) : null,
    makeUp ? row('补正期限', fmtDateTime(c.makeUpBy)) : null,
    row('经办人', c.acceptedBy ? (c.acceptedBy.name ?? c.acceptedBy.id) : '—'),
  );
  const note = byId(P.noticeMakeup);
  note.hidden = !makeUp;
  note.textContent = makeUp
    ? `请于 ${fmtDay(c.makeUpBy)} 前补齐：${c.outstanding.map((m) => m.name).join('、')}。材料补齐前不能办结。`
    : '';
  byId(P.noticeOrg).textContent = c.scopeName;
  byId(P.noticeDate).textContent = fmtDay(c.acceptedAt);
  document.title = `受理通知书 ${groupCode(c.queryCode)}`;
}

byId(P.printNotice).addEventListener('click', () => window.print());
requireClerk(() => void load());
