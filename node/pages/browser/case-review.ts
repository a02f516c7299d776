// 预审 on the window's case page: accept an online application, ask for more (with the list) or
// refuse it; the case's files with their trust level, checking an upload against the original,
// and what the case took from the applicant's library (免提交). case.ts renders the rest.
import { REVIEW_CARD as R } from '../ids/online-ids.js';
import { CASE_PAGE as P } from '../ids/desk-ids.js';
import { errorText, sessions } from './api.js';
import { materialNames, type CaseView } from './case-view.js';
import { whileSending } from './case-decisions.js';
import { clerkApi } from './clerk-session.js';
import { CONFIG, L, label } from './config.js';
import { byId, checkboxes, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';
import { emit, on } from './page-events.js';

interface Scan {
  id: string;
  materialId: string;
  name: string;
  contentType: string;
  size: number;
  at: string;
  level: 'A' | 'B' | 'C' | 'D';
}

let current: CaseView | undefined;

/** Sends one 预审 decision with the card's buttons disabled meanwhile; true once it is recorded. */
async function review(body: Record<string, unknown>, done: string): Promise<boolean> {
  const id = current?.id;
  if (!id) return false;
  const answer = await whileSending(byId(R.reviewCard), () =>
    clerkApi<CaseView>(`/api/cases/${encodeURIComponent(id)}/review`, { method: 'POST', body }),
  );
  if (!answer.ok) {
    say(byId(P.caseMsg), errorText(answer));
    return false;
  }
  say(byId(P.caseMsg), done, 'ok');
  emit('hallnet:case-changed', answer.body);
  return true;
}

/** Opens a file with the clerk's token (a plain link would carry none). */
async function open(scan: Scan): Promise<void> {
  const res = await fetch(`/api/materials/${encodeURIComponent(scan.id)}/file`, {
    headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}` },
  });
  if (!res.ok) return say(byId(P.caseMsg), `无法打开文件（${res.status}）`);
  window.open(URL.createObjectURL(await res.blob()), '_blank', 'noopener');
}

async function checkOriginal(scan: Scan): Promise<void> {
  const answer = await clerkApi(`/api/materials/${encodeURIComponent(scan.id)}/check`, { method: 'POST' });
  if (!answer.ok) return say(byId(P.caseMsg), errorText(answer));
  say(byId(P.caseMsg), `${scan.name}已核验原件，升为 B 级，今后可免提交`, 'ok');
  if (current) void renderScans(current);
}

async function renderScans(c: CaseView): Promise<void> {
  const answer = await clerkApi<{ items: Scan[] }>(`/api/cases/${encodeURIComponent(c.id)}/materials`);
  const scans = answer.ok ? answer.body.items : [];
  const names = materialNames(c);
  byId(R.scansCard).hidden = !scans.length && !c.library.length;
  fill(
    byId(R.scansList),
    c.library.map((u) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, names.get(u.materialId) ?? u.materialId),
        h('span', { class: `tag tag-level-${u.level}` }, `免提交 · ${label(L.materialLevel, u.level)}`),
        h('span', { class: 'muted' }, u.source === 'licence' ? `电子证照 ${u.number}` : '材料库中已核验的材料'),
      ),
    ),
    scans.map((s) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, s.name),
        h('span', { class: `tag tag-level-${s.level}` }, label(L.materialLevel, s.level)),
        h('span', { class: 'muted' }, fmtDateTime(s.at)),
        h(
          'button',
          { type: 'button', class: 'secondary', 'aria-label': `查看：${s.name}`, onclick: () => void open(s) },
          '查看',
        ),
        s.level === 'C' && c.status !== 'pre-review'
          ? h(
              'button',
              { type: 'button', 'aria-label': `已核验原件：${s.name}`, onclick: () => void checkOriginal(s) },
              '已核验原件',
            )
          : null,
      ),
    ),
  );
}

async function render(c: CaseView): Promise<void> {
  current = c;
  const inReview = c.status === 'pre-review';
  byId(R.reviewCard).hidden = !inReview || c.scope !== CONFIG.org;
  if (inReview) {
    const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
    const names = materialNames(c);
    const name = (id: string) => names.get(id) ?? id;
    fill(
      byId(R.reviewFacts),
      fact('申请人', c.appliedBy?.name ?? c.applicant.name),
      fact('申请时间', fmtDateTime(c.appliedAt)),
      fact('已提交', c.received.map((m) => m.name).join('、') || '无'),
      c.amendment
        ? fact('已要求补充', `${c.amendment.materials.map(name).join('、')}（${fmtDateTime(c.amendment.at)}）`)
        : null,
    );
    fill(
      byId(R.amendList),
      c.matterMaterials.map((m) =>
        h(
          'li',
          {},
          h('input', { type: 'checkbox', id: R.amendPick(m.id), value: m.id }),
          h('label', { for: R.amendPick(m.id) }, m.name),
        ),
      ),
    );
  }
  await renderScans(c);
}

on('hallnet:case', (c) => void render(c));

byId(R.reviewAccept).addEventListener(
  'click',
  () => void review({ decision: 'accept' }, '已受理，承诺时限自现在起计算'),
);
byId(R.amendForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const materials = checkboxes(byId(R.amendList))
    .filter((b) => b.checked)
    .map((b) => b.value);
  const note = byId(R.amendNote).value.trim();
  if (!materials.length || !note) return say(byId(P.caseMsg), '请勾选需要补充的材料并写明说明');
  // Once sent, the request leaves the form: a second click must not send it again.
  void review({ decision: 'amend', materials, note }, '已要求申请人补充材料').then((sent) => {
    if (!sent) return;
    byId(R.amendNote).value = '';
    for (const b of checkboxes(byId(R.amendList))) b.checked = false;
  });
});
byId(R.refuseForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const reason = byId(R.refuseReason).value.trim();
  if (!reason) return say(byId(P.caseMsg), '不予受理须写明原因');
  if (!confirm('确定不予受理？申请将结束。')) return;
  void review({ decision: 'refuse', reason }, '已决定不予受理');
});
