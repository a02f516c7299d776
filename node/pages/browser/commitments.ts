// 告知承诺 核查: this office's commitments still to be checked, and recording what each check found.
import { COMMITMENTS_PAGE as P } from '../ids/office-ids.js';
import { errorText } from './api.js';
import { clerkApi, holdsCaseRight, requireClerkWhere } from './clerk-session.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDateTime, groupCode } from './formats.js';
import { orgNames } from './organisations.js';

/** A case waiting for its check, as GET /api/commitments lists it (node/http/routes/commitment-routes.ts). */
interface DueCheck {
  id: string;
  queryCode: string;
  matterName: string;
  applicantName: string;
  status: 'processing' | 'completed';
  licences: string[];
  commitments: { id: string; name: string; signedBy: string; signedAt: string }[];
  checkBy?: string | undefined;
  due: 'overdue' | 'due' | 'later' | 'open';
}

const DUE_TAG: Record<DueCheck['due'], [string, string]> = {
  overdue: ['tag-required', '已逾期'],
  due: ['tag-secondary', '即将到期'],
  later: ['tag-optional', '未到期'],
  open: ['tag-optional', '未设期限'],
};

async function load(): Promise<void> {
  const [answer, orgs] = await Promise.all([
    clerkApi<{ office: string; items: DueCheck[] }>('/api/commitments'),
    orgNames(),
  ]);
  if (!answer.ok) return say(byId(P.checkMsg), errorText(answer));
  const { office, items } = answer.body;
  byId(P.checkOffice).textContent = `本机构：${orgs.get(office) ?? office}`;
  fill(byId(P.checkBody), items.map(row));
  byId(P.checkEmpty).hidden = items.length > 0;
}

function row(item: DueCheck): HTMLTableRowElement {
  const [tagClass, tagText] = DUE_TAG[item.due];
  const outcome = `outcome-${item.id}`;
  const note = `note-${item.id}`;
  const form = h(
    'form',
    { class: 'inline-form', 'data-case': item.id },
    h('label', { for: outcome }, '核查结果'),
    h(
      'select',
      { id: outcome, name: 'outcome' },
      h('option', { value: 'true' }, '属实'),
      h('option', { value: 'false' }, '不实（撤销办理结果）'),
    ),
    h('label', { for: note }, '核查说明'),
    h('input', { id: note, name: 'note', required: true, maxlength: '200', placeholder: '如：经民政数据比对' }),
    h('button', { type: 'submit' }, '记录'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void record(item, form);
  });
  return h(
    'tr',
    { 'data-case': item.id },
    h('td', {}, item.checkBy ? fmtDateTime(item.checkBy) : '—', ' ', h('span', { class: `tag ${tagClass}` }, tagText)),
    h(
      'td',
      {},
      h('a', { href: `/office/cases/${encodeURIComponent(item.id)}`, class: 'code-link' }, groupCode(item.queryCode)),
    ),
    h(
      'td',
      {},
      item.matterName,
      item.status === 'completed' ? h('span', { class: 'tag tag-instant' }, '已办结') : null,
    ),
    h('td', {}, item.applicantName),
    h('td', {}, item.commitments.map((c) => `${c.name}（${fmtDateTime(c.signedAt)} 签署）`).join('、')),
    h('td', {}, form),
  );
}

async function record(item: DueCheck, form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const outcome = String(data.get('outcome'));
  if (
    outcome === 'false' &&
    !confirm(`确认承诺不实？办理结果将被撤销${item.licences.length ? '，电子证照同时吊销' : ''}，并短信告知申请人。`)
  )
    return;
  const answer = await clerkApi(`/api/cases/${encodeURIComponent(item.id)}/events`, {
    method: 'POST',
    body: { kind: 'commitment-checked', outcome, note: String(data.get('note') ?? '').trim() },
  });
  if (!answer.ok) return say(byId(P.checkMsg), errorText(answer));
  say(
    byId(P.checkMsg),
    outcome === 'true'
      ? `已记录：${groupCode(item.queryCode)} 承诺属实。`
      : `已记录：${groupCode(item.queryCode)} 承诺不实，办理结果已撤销${item.licences.length ? '，电子证照已吊销' : ''}。`,
    'ok',
  );
  await load();
}

requireClerkWhere(
  holdsCaseRight,
  '承诺核查由办理办件的窗口、后台和负责人进行，您的账号不办理办件。',
  () => void load(),
);
