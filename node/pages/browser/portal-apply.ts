// 网上申请: a file for each material or an item of the resident's library (免提交), checked here
// against the bounds the node applies (which answers 413/415 anyway), posted as one form.
import { PORTAL_APPLY_PAGE as P } from '../ids/online-ids.js';
import { errorCode, errorText, type ApiError } from './api.js';
import type { CaseView } from './case-view.js';
import { L, pageData } from './config.js';
import { byId, fill, findById, h, say } from './dom.js';
import { groupCode } from './formats.js';
import type { MyCase } from '../../district/my-cases.js';
import type { LibraryAnswer } from './library-view.js';
import { requireResident, residentApi } from './resident-session.js';
import { checkType } from './upload-type.js';

const MAX_FILE = 10 * 1024 * 1024;
const OPEN: ReadonlySet<string> = new Set(['pre-review', 'processing']);
const matterCode = pageData('matterCode');
const files = () => [...byId(P.applyForm).querySelectorAll<HTMLInputElement>('input[type=file]')];
const materialOf = (input: HTMLInputElement) => input.id.replace(/^file-/, '');

/** Offers what the resident's library spares him: a valid licence or a copy a window checked before. */
async function offerLibrary(): Promise<void> {
  const answer = await residentApi<LibraryAnswer>(`/api/my/library?matter=${encodeURIComponent(matterCode)}`);
  const note = byId(P.libraryNote);
  if (!answer.ok) {
    if (errorCode(answer) === 'ERR_NOT_VERIFIED')
      say(note, '您的身份尚未在窗口核验：核验后可直接使用电子证照和已核验的材料，免于提交。', 'info');
    return;
  }
  const { offers = [], source } = answer.body;
  if (source === 'this-hall')
    say(note, '暂时无法连接区中心：只能调取本站保存的证照和材料，其他大厅的请上传文件。', 'warn');
  for (const offer of offers) {
    const slot = findById(P.libSlot(offer.materialId));
    if (!slot) continue;
    slot.hidden = false;
    if (!offer.usable) {
      fill(
        slot,
        h(
          'span',
          { class: 'muted' },
          `${offer.label}：${offer.status ? label(offer.status) : '尚未核验原件'}，请上传文件`,
        ),
      );
      continue;
    }
    const pick = h('input', {
      type: 'checkbox',
      id: P.libPick(offer.materialId),
      checked: true,
      'data-number': 'number' in offer ? offer.number : '',
      'data-doc': 'docId' in offer ? offer.docId : '',
    });
    pick.addEventListener('change', () => (byId(P.file(offer.materialId)).hidden = pick.checked));
    fill(
      slot,
      pick,
      h(
        'label',
        { for: P.libPick(offer.materialId) },
        h('span', { class: `tag tag-level-${offer.level}` }, `免提交 · ${offer.level} 级`),
        ' ',
        offer.label,
      ),
    );
    byId(P.file(offer.materialId)).hidden = true;
  }
}

/**
 * A second application for a matter he has open is refused: say so on opening the page, with the
 * open one's link, instead of after he has chosen every file.
 */
async function showOpenApplication(): Promise<void> {
  const answer = await residentApi<{ items: MyCase[] }>('/api/my/cases');
  const open = answer.ok ? answer.body.items.find((c) => c.matterCode === matterCode && OPEN.has(c.status)) : undefined;
  if (!open) return;
  const link =
    open.channel === 'online'
      ? `/portal/applications/${encodeURIComponent(open.id)}`
      : `/portal/cases/${encodeURIComponent(open.id)}`;
  const box = byId(P.applyOpen);
  say(box, `您已有该事项正在办理的申请（查询码 ${groupCode(open.queryCode)}），请勿重复申请。`, 'warn');
  box.append(' ', h('a', { href: link }, '查看该申请'));
  byId(P.applyForm).hidden = true;
}

for (const f of files()) f.addEventListener('change', () => checkType(f, byId(P.applyMsg)));

const label = (status: string) => (L.lapse as Record<string, string>)[status] ?? status;

/** The library picks ticked, as the API takes them. */
function picks(): { materialId: string; number?: string; docId?: string }[] {
  return [...byId(P.applyForm).querySelectorAll<HTMLInputElement>('input[id^="lib-pick-"]')]
    .filter((b) => b.checked)
    .map((b) => ({
      materialId: b.id.replace(/^lib-pick-/, ''),
      ...(b.dataset.number ? { number: b.dataset.number } : { docId: b.dataset.doc ?? '' }),
    }));
}

byId(P.applyForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const msg = byId(P.applyMsg);
  const committed = [...byId(P.applyForm).querySelectorAll<HTMLInputElement>('input[id^="commit-"]')]
    .filter((b) => b.checked)
    .map((b) => b.value);
  const taken = new Set([...picks().map((p) => p.materialId), ...committed]);
  const chosen = files().filter((f) => f.files?.length && !taken.has(materialOf(f)));
  const tooBig = chosen.filter((f) => (f.files?.[0]?.size ?? 0) > MAX_FILE);
  if (tooBig.length) return say(msg, `${tooBig.map((f) => f.dataset.name).join('、')}超过 10 MB，请压缩后再上传。`);
  const missing = files().filter(
    (f) => f.dataset.necessity === 'required' && !f.files?.length && !taken.has(materialOf(f)),
  );
  for (const f of files()) f.setAttribute('aria-invalid', String(missing.includes(f)));
  if (missing.length) return say(msg, `请上传：${missing.map((f) => f.dataset.name).join('、')}`);
  const form = new FormData();
  form.set('matterCode', matterCode);
  if (picks().length) form.set('library', JSON.stringify(picks()));
  if (committed.length) form.set('commitments', committed.join(','));
  for (const f of chosen) form.set(`material.${materialOf(f)}`, f.files![0]!);
  const button = byId(P.applyButton);
  button.disabled = true;
  say(msg, '正在上传…', 'info');
  const answer = await residentApi<CaseView>('/api/online/applications', { method: 'POST', form });
  button.disabled = false;
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (!answer.ok) {
    const open = (
      answer.body as (ApiError & { error?: { detail?: { link?: string; queryCode?: string } } }) | undefined
    )?.error?.detail;
    say(msg, errorText(answer));
    if (answer.status === 409 && open?.link)
      msg.append(' ', h('a', { href: open.link }, `查看正在办理的申请（${open.queryCode ?? ''}）`));
    return;
  }
  const c = answer.body;
  byId(P.applyForm).hidden = true;
  const done = byId(P.applyDone);
  done.hidden = false;
  byId(P.applyCode).textContent = groupCode(c.queryCode);
  byId(P.applyDoneDetail).textContent =
    `由${c.scopeName}预审。审核通过即予受理，并以短信通知您；如需补充材料，也会短信告知。`;
  byId(P.applyCaseLink).href = `/portal/applications/${encodeURIComponent(c.id)}`;
  done.focus();
});

requireResident(() => {
  void offerLibrary();
  void showOpenApplication();
});
