// 综合受理: search a matter, prefill the applicant from 一表一库, check the materials, accept.
import type { Applicant, MaterialSpec } from '../../../sync/index.js';
import { WINDOW_PAGE as P } from '../ids/desk-ids.js';
import { ID_NUMBER_RULE } from './account-checks.js';
import { errorCode, errorText } from './api.js';
import type { MatterGuide, MatterSummary } from './case-parts.js';
import type { CaseView } from './case-view.js';
import { clerkApi, requireClerkWhere } from './clerk-session.js';
import { CONFIG, L, label } from './config.js';
import type { LibraryAnswer } from './library-view.js';
import { WINDOW_LIBRARY as W } from '../ids/online-ids.js';
import { byId, checkboxes, fill, h, say } from './dom.js';
import type { IdType } from '../../../sync/case.js';
import { idNumberProblem } from '../../../sync/id-number.js';
import { makeUpWorkingDays } from '../../../sync/make-up-days.js';
import {
  apiFieldProblems,
  clearFieldErrors,
  showFieldErrors,
  type FieldMap,
  type FieldProblem,
} from './field-errors.js';

let matter: MatterGuide | null = null;
/** What the last check found wrong in the applicant's fields: the summary then says so instead of 可以受理. */
let fieldTrouble: string | undefined;

/** The applicant's fields by the API's names, for errors next to them. */
const FIELDS: FieldMap = {
  'applicant.kind': { id: P.apKind, name: '申请人类型' },
  'applicant.idType': { id: P.apIdtype, name: '证件类型' },
  'applicant.idNumber': { id: P.apIdnumber, name: '证件号码' },
  'applicant.name': { id: P.apName, name: '姓名/名称' },
  'applicant.phone': { id: P.apPhone, name: '手机号码' },
  'applicant.contact': { id: P.apContact, name: '联系地址或联系人' },
};

async function search(q: string): Promise<void> {
  // Only what this window may accept: its level's matters, at a department's back office its own.
  const params = new URLSearchParams({ here: 'true' });
  if (q) params.set('q', q);
  const answer = await clerkApi<{ items: MatterSummary[] }>(`/api/catalogue?${params}`);
  if (!answer.ok) return say(byId(P.matterCount), errorText(answer));
  const items = answer.body.items;
  byId(P.matterCount).textContent = q ? `找到 ${items.length} 个本站可办事项` : `本站可办事项共 ${items.length} 个`;
  fill(
    byId(P.matterResults),
    items.map((m) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, m.name),
        h(
          'span',
          { class: `tag ${m.instant ? 'tag-instant' : 'tag-promise'}` },
          m.instant ? '即办件' : `承诺件 ${m.promisedDays} 个工作日`,
        ),
        m.allowsMakeUp
          ? h('span', { class: 'tag tag-secondary', title: '次要材料欠缺时可先受理，申请人限期补齐' }, '可容缺')
          : null,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'data-code': m.code,
            'aria-label': `选择：${m.name}`,
            onclick: () => void choose(m.code),
          },
          '选择',
        ),
      ),
    ),
  );
}

async function choose(code: string): Promise<void> {
  const answer = await clerkApi<MatterGuide>(`/api/catalogue/${encodeURIComponent(code)}`);
  if (!answer.ok) return say(byId(P.acceptMsg), errorText(answer));
  const m = answer.body;
  matter = m;
  byId(P.matterChosen).hidden = false;
  byId(P.matterName).textContent = m.name;
  byId(P.matterGuide).href = `/guide/${encodeURIComponent(m.code)}`;
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId(P.matterFacts),
    fact('事项编码', m.code),
    fact('实施部门', m.departmentName),
    fact('办件类型', m.instant ? '即办件' : '承诺件'),
    fact('承诺时限', m.promisedDays ? `${m.promisedDays} 个工作日（法定 ${m.legalDays} 个工作日）` : '当场办结'),
    fact('容缺受理', m.allowsMakeUp ? `可以，${makeUpWorkingDays(m)} 个工作日内补齐` : '不适用'),
  );
  const kind = byId(P.apKind);
  kind.value = m.serves.includes(kind.value as Applicant['kind']) ? kind.value : (m.serves[0] ?? 'person');
  byId(P.materialsBox).disabled = false;
  byId(P.checklistEmpty).hidden = true;
  fill(
    byId(P.checklist),
    m.materials.map((mat) =>
      h(
        'li',
        {},
        h('input', {
          type: 'checkbox',
          id: P.material(mat.id),
          value: mat.id,
          'data-necessity': mat.necessity,
          onchange: summarise,
        }),
        h(
          'label',
          { for: P.material(mat.id) },
          mat.name,
          ' ',
          h('span', { class: `tag tag-${mat.necessity}` }, L.necessity[mat.necessity]),
          h(
            'span',
            { class: 'copies' },
            `原件 ${mat.originals} 份，复印件 ${mat.copies} 份${mat.note ? `；${mat.note}` : ''}`,
          ),
        ),
        mat.commitment
          ? h(
              'div',
              { class: 'commitment' },
              h('input', { type: 'checkbox', id: P.commitment(mat.id), value: mat.id, onchange: summarise }),
              h('label', { for: P.commitment(mat.id) }, '申请人已签署告知承诺书（以承诺代替该材料）'),
            )
          : null,
        h('div', { id: W.libSlot(mat.id), class: 'lib-slot', hidden: true }),
      ),
    ),
  );
  summarise();
  byId(P.apIdnumber).focus();
}

/** The materials the library spares the applicant (免提交), as the API takes them. */
function picks(): { materialId: string; number?: string; docId?: string }[] {
  return [...byId(P.checklist).querySelectorAll<HTMLInputElement>('input[id^="w-lib-pick-"]')]
    .filter((b) => b.checked)
    .map((b) => ({
      materialId: b.id.replace(/^w-lib-pick-/, ''),
      ...(b.dataset.number ? { number: b.dataset.number } : { docId: b.dataset.doc ?? '' }),
    }));
}

/** The materials the applicant stands for by his signed 告知承诺书 (level D), as the API takes them. */
function commitments(): string[] {
  return checkboxes(byId(P.checklist))
    .filter((b) => b.id.startsWith('commit-') && b.checked)
    .map((b) => b.value);
}

/** What the ticked boxes (paper handed in, 免提交 from the library, or 告知承诺) mean: refused, accepted with 容缺, or complete. */
function assess(m: MatterGuide): { received: string[]; blocking: MaterialSpec[]; makeUp: MaterialSpec[] } {
  const taken = new Set([...picks().map((p) => p.materialId), ...commitments()]);
  const boxes = checkboxes(byId(P.checklist)).filter(
    (b) => !b.id.startsWith('w-lib-pick-') && !b.id.startsWith('commit-'),
  );
  const missing = m.materials.filter(
    (mat) => !taken.has(mat.id) && boxes.some((b) => b.value === mat.id && !b.checked),
  );
  const blocking = missing.filter(
    (mat) => mat.necessity === 'required' || (mat.necessity === 'secondary' && !m.allowsMakeUp),
  );
  const makeUp = missing.filter((mat) => mat.necessity === 'secondary' && m.allowsMakeUp);
  return { received: boxes.filter((b) => b.checked && !taken.has(b.value)).map((b) => b.value), blocking, makeUp };
}

function summarise(): void {
  if (!matter) return;
  const { blocking, makeUp } = assess(matter);
  const out = byId(P.checklistSummary);
  const names = (list: MaterialSpec[]) => list.map((m) => m.name).join('、');
  if (blocking.length) say(out, `缺少必需材料：${names(blocking)}。不能受理，请一次性告知申请人补齐。`, 'error');
  else if (fieldTrouble)
    say(
      out,
      `${makeUp.length ? `材料可容缺受理（缺少 ${names(makeUp)}）` : '材料齐全'}，但申请人信息有误，更正后才能受理。`,
      'error',
    );
  else if (makeUp.length)
    say(out, `将按容缺受理：缺少 ${names(makeUp)}，申请人须在 ${makeUpWorkingDays(matter)} 个工作日内补齐。`, 'warn');
  else say(out, matter.instant ? '材料齐全。即办件，受理后当场办结。' : '材料齐全，可以受理。', 'ok');
  byId(P.acceptButton).disabled = blocking.length > 0;
}

async function prefill(): Promise<void> {
  const idType = byId(P.apIdtype).value;
  const idNumber = byId(P.apIdnumber).value.trim().toUpperCase();
  const msg = byId(P.prefillMsg);
  if (!idNumber) return say(msg, '请先输入证件号码', 'error');
  const answer = await clerkApi<Applicant>(`/api/residents?${new URLSearchParams({ idType, idNumber })}`);
  if (answer.status === 404) return say(msg, '一表一库中没有该申请人，请录入申请人信息。', 'info');
  if (errorCode(answer) === 'ERR_HUB_UNREACHABLE')
    return say(msg, '暂时无法连接区级平台，只查询了本站的一表一库，其中没有该申请人，请录入申请人信息。', 'warn');
  if (!answer.ok) return say(msg, errorText(answer));
  const a = answer.body;
  byId(P.apKind).value = a.kind;
  byId(P.apName).value = a.name;
  byId(P.apPhone).value = a.phone;
  byId(P.apContact).value = a.contact ?? '';
  say(msg, `已从一表一库调取 ${a.name} 的信息，请与申请人核对。`, 'ok');
}

/** 一表一库 across the district: what the applicant's licences and earlier checked copies spare him (免提交). */
async function library(): Promise<void> {
  const msg = byId(W.libraryMsg);
  if (!matter) return say(msg, '请先选择事项');
  const idNumber = byId(P.apIdnumber).value.trim().toUpperCase();
  if (!idNumber) return say(msg, '请先输入申请人证件号码');
  const answer = await clerkApi<LibraryAnswer>('/api/library/lookup', {
    method: 'POST',
    body: { idType: byId(P.apIdtype).value, idNumber, matter: matter.code },
  });
  if (!answer.ok) return say(msg, errorText(answer));
  const offers = answer.body.offers ?? [];
  const usable = offers.filter((o) => o.usable);
  const where =
    answer.body.source === 'district'
      ? '全区'
      : '本站（暂时无法连接区中心，其他大厅的证照和材料请申请人出示或提交纸质）';
  say(
    msg,
    usable.length
      ? `已从${where}材料库调取：${usable.length} 项材料可免提交，请与申请人核对。`
      : `${where}材料库中没有可免提交的材料。`,
    usable.length ? 'ok' : 'info',
  );
  for (const offer of offers) {
    const slot = byId(W.libSlot(offer.materialId));
    slot.hidden = false;
    if (!offer.usable) {
      fill(
        slot,
        h(
          'span',
          { class: 'muted' },
          `${offer.label}：${offer.status ? label(L.lapse, offer.status) : '网上上传，未核验原件'}，须提交纸质材料`,
        ),
      );
      continue;
    }
    const pick = h('input', {
      type: 'checkbox',
      id: W.libPick(offer.materialId),
      checked: true,
      'data-number': 'number' in offer ? offer.number : '',
      'data-doc': 'docId' in offer ? offer.docId : '',
      onchange: summarise,
    });
    fill(
      slot,
      pick,
      h(
        'label',
        { for: W.libPick(offer.materialId) },
        h('span', { class: `tag tag-level-${offer.level}` }, `免提交 · ${offer.level} 级`),
        ' ',
        offer.label,
      ),
    );
  }
  summarise();
}

async function accept(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const msg = byId(P.acceptMsg);
  if (!matter) return say(msg, '请先选择事项');
  const applicant: Record<string, string> = {
    kind: byId(P.apKind).value,
    name: byId(P.apName).value.trim(),
    idType: byId(P.apIdtype).value,
    idNumber: byId(P.apIdnumber).value.trim().toUpperCase(),
    phone: byId(P.apPhone).value.trim(),
  };
  const contact = byId(P.apContact).value.trim();
  if (contact) applicant.contact = contact;
  const problems = checkApplicant(applicant);
  if (problems.length) return refuseFields(problems);
  const button = byId(P.acceptButton);
  button.disabled = true;
  const answer = await clerkApi<CaseView>('/api/cases', {
    method: 'POST',
    body: {
      matterCode: matter.code,
      applicant,
      received: assess(matter).received,
      library: picks(),
      commitments: commitments(),
    },
  });
  button.disabled = false;
  if (!answer.ok) {
    const fields = apiFieldProblems(answer).filter((p) => p.field in FIELDS || p.field.startsWith('applicant.'));
    if (fields.length) return refuseFields(fields);
    return say(msg, errorText(answer));
  }
  location.assign(`/window/notice/${encodeURIComponent(answer.body.id)}`);
}

/** The same checks the node makes of the applicant, done at once so the clerk sees each field's problem before sending. */
function checkApplicant(a: Record<string, string>): FieldProblem[] {
  const out: FieldProblem[] = [];
  const need = (field: string, value: string | undefined, max: number) => {
    if (!value) out.push({ field, reason: '不能为空' });
    else if (value.length > max) out.push({ field, reason: `最多 ${max} 个字，现有 ${value.length} 个` });
  };
  need('applicant.idNumber', a.idNumber, 40);
  if (a.idNumber && a.idNumber.length <= 40 && idNumberProblem(a.idType as IdType, a.idNumber))
    out.push({ field: 'applicant.idNumber', reason: `号码无效，请核对证件（${ID_NUMBER_RULE[a.idType as IdType]}）` });
  need('applicant.name', a.name, 100);
  if (!a.phone) out.push({ field: 'applicant.phone', reason: '不能为空' });
  else if (!/^1\d{10}$/.test(a.phone)) out.push({ field: 'applicant.phone', reason: '须为 11 位手机号码，只含数字' });
  if (a.contact && a.contact.length > 100)
    out.push({ field: 'applicant.contact', reason: `最多 100 个字，现有 ${a.contact.length} 个` });
  return out;
}

/** Marks the applicant's fields that are wrong; the message and the materials summary say the same. */
function refuseFields(problems: FieldProblem[]): void {
  fieldTrouble = showFieldErrors(FIELDS, problems) ?? problems.map((p) => p.reason).join('；');
  say(byId(P.acceptMsg), fieldTrouble);
  summarise();
}

byId(P.matterSearch).addEventListener('submit', (e) => {
  e.preventDefault();
  void search(byId(P.matterQ).value.trim());
});
byId(P.prefill).addEventListener('click', () => void prefill());
byId(W.libraryButton).addEventListener('click', () => void library());
byId(P.acceptForm).addEventListener('submit', (e) => void accept(e));
// Editing a field takes its mark away; the summary reads 可以受理 again once nothing is marked.
for (const { id } of Object.values(FIELDS)) {
  byId(id).addEventListener('input', () => {
    if (!fieldTrouble) return;
    fieldTrouble = undefined;
    clearFieldErrors(FIELDS);
    say(byId(P.acceptMsg), '');
    summarise();
  });
}
byId(P.apKind).addEventListener('change', () => {
  byId(P.apIdtype).value = byId(P.apKind).value === 'company' ? 'uscc' : 'resident-id';
});

requireClerkWhere(
  (rights) => rights.has('case.accept'),
  '综合受理供窗口人员和大厅负责人使用，您的账号没有受理办件的权限。',
  () => {
    void search('');
    if (CONFIG.matter && !matter) void choose(CONFIG.matter);
  },
);
