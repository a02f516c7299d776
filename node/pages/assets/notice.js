// 受理通知书: the acceptance notice of one case, as the applicant takes it home.
import { CONFIG, byId, errorText, fill, fmtDate, fmtDateTime, groupCode, h, maskId, say } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

const row = (th, ...td) => h('tr', {}, h('th', { scope: 'row' }, th), h('td', {}, ...td));

async function load() {
  const answer = await clerkApi(`/api/cases/${encodeURIComponent(CONFIG.caseId)}`);
  if (!answer.ok) return say(byId('notice-msg'), errorText(answer));
  const c = answer.body;
  const makeUp = c.outstanding.length > 0;
  byId('notice').hidden = false;
  byId('notice-no').textContent = `${c.scopeName} · 编号 ${c.queryCode}`;
  byId('notice-applicant').textContent = c.applicant.name;
  const review = makeUp ? '主要申请材料齐全，部分次要材料可容后补正' : '申请材料齐全、符合法定形式';
  const outcome = c.status === 'completed' ? '现予受理并当场办结。' : `现予受理，承诺于 ${fmtDate(c.promisedBy)} 前办结。`;
  byId('notice-body').textContent = `你（单位）于 ${fmtDateTime(c.acceptedAt)} 提出的“${c.matterName}”申请，经审查，${review}，${outcome}`;
  const code = byId('notice-code');
  code.textContent = groupCode(c.queryCode);
  // Screen readers spell the code character by character, as the clerk reads it aloud.
  code.setAttribute('aria-label', `查询码 ${c.queryCode.split('').join(' ')}`);
  fill(
    byId('notice-table'),
    row('事项名称', c.matterName),
    row('申请人', c.applicant.name),
    row('证件号码', maskId(c.applicant.idNumber)),
    row('受理机构', c.scopeName),
    row('受理时间', fmtDateTime(c.acceptedAt)),
    row('承诺办结时间', c.status === 'completed' ? '已当场办结' : fmtDateTime(c.promisedBy)),
    row('已收材料', c.received.length ? c.received.map((m) => m.name).join('、') : '无'),
    makeUp ? row('容缺材料', c.outstanding.map((m) => m.name).join('、')) : null,
    makeUp ? row('补正期限', fmtDateTime(c.makeUpBy)) : null,
    row('经办人', c.acceptedBy.name ?? c.acceptedBy.id),
  );
  const note = byId('notice-makeup');
  note.hidden = !makeUp;
  note.textContent = makeUp ? `请于 ${fmtDate(c.makeUpBy)} 前补齐：${c.outstanding.map((m) => m.name).join('、')}。材料补齐前不能办结。` : '';
  byId('notice-org').textContent = c.scopeName;
  byId('notice-date').textContent = fmtDate(c.acceptedAt);
  document.title = `受理通知书 ${c.queryCode}`;
}

byId('print-notice').addEventListener('click', () => window.print());
requireClerk(() => void load());
