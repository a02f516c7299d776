// 综合受理: search a matter, prefill the applicant from 一表一库, check the materials, accept.
import { CONFIG, L, byId, errorText, fill, h, say } from './common.js';
import { clerkApi, requireClerk } from './clerk-session.js';

let matter = null;

async function search(q) {
  const params = new URLSearchParams({ level: String(CONFIG.level) });
  if (q) params.set('q', q);
  const answer = await clerkApi(`/api/catalogue?${params}`);
  if (!answer.ok) return say(byId('matter-count'), errorText(answer));
  const items = answer.body.items;
  byId('matter-count').textContent = q ? `找到 ${items.length} 个本站可办事项` : `本站可办事项共 ${items.length} 个`;
  fill(
    byId('matter-results'),
    items.map((m) =>
      h(
        'li',
        {},
        h('span', { class: 'result-name' }, m.name),
        h('span', { class: `tag ${m.instant ? 'tag-instant' : 'tag-promise'}` }, m.instant ? '即办件' : `承诺件 ${m.promisedDays} 个工作日`),
        h('button', { type: 'button', class: 'secondary', 'data-code': m.code, 'aria-label': `选择：${m.name}`, onclick: () => choose(m.code) }, '选择'),
      ),
    ),
  );
}

async function choose(code) {
  const answer = await clerkApi(`/api/catalogue/${encodeURIComponent(code)}`);
  if (!answer.ok) return say(byId('accept-msg'), errorText(answer));
  matter = answer.body;
  byId('matter-chosen').hidden = false;
  byId('matter-name').textContent = matter.name;
  byId('matter-guide').href = `/guide/${encodeURIComponent(matter.code)}`;
  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId('matter-facts'),
    fact('事项编码', matter.code),
    fact('实施部门', matter.departmentName),
    fact('办件类型', matter.instant ? '即办件' : '承诺件'),
    fact('承诺时限', matter.promisedDays ? `${matter.promisedDays} 个工作日（法定 ${matter.legalDays} 个工作日）` : '当场办结'),
    fact('容缺受理', matter.allowsMakeUp ? `可以，${matter.makeUpDays} 个工作日内补齐` : '不适用'),
  );
  const kinds = matter.serves;
  byId('ap-kind').value = kinds.includes(byId('ap-kind').value) ? byId('ap-kind').value : kinds[0];
  byId('materials-box').disabled = false;
  byId('checklist-empty').hidden = true;
  fill(
    byId('checklist'),
    matter.materials.map((m) =>
      h(
        'li',
        {},
        h('input', { type: 'checkbox', id: `mat-${m.id}`, value: m.id, 'data-necessity': m.necessity, onchange: summarise }),
        h(
          'label',
          { for: `mat-${m.id}` },
          m.name,
          ' ',
          h('span', { class: `tag tag-${m.necessity}` }, L.necessity[m.necessity]),
          h('span', { class: 'copies' }, `原件 ${m.originals} 份，复印件 ${m.copies} 份${m.note ? `；${m.note}` : ''}`),
        ),
      ),
    ),
  );
  summarise();
  byId('ap-idnumber').focus();
}

/** What the ticked boxes mean: refused, accepted with 容缺, or complete. */
function assess() {
  const boxes = [...byId('checklist').querySelectorAll('input[type=checkbox]')];
  const missing = boxes.filter((b) => !b.checked).map((b) => matter.materials.find((m) => m.id === b.value));
  const blocking = missing.filter((m) => m.necessity === 'required' || (m.necessity === 'secondary' && !matter.allowsMakeUp));
  const makeUp = missing.filter((m) => m.necessity === 'secondary' && matter.allowsMakeUp);
  return { received: boxes.filter((b) => b.checked).map((b) => b.value), blocking, makeUp };
}

function summarise() {
  if (!matter) return;
  const { blocking, makeUp } = assess();
  const out = byId('checklist-summary');
  const names = (list) => list.map((m) => m.name).join('、');
  if (blocking.length) say(out, `缺少必需材料：${names(blocking)}。不能受理，请一次性告知申请人补齐。`, 'error');
  else if (makeUp.length) say(out, `将按容缺受理：缺少 ${names(makeUp)}，申请人须在 ${matter.makeUpDays} 个工作日内补齐。`, 'warn');
  else say(out, matter.instant ? '材料齐全。即办件，受理后当场办结。' : '材料齐全，可以受理。', 'ok');
  byId('accept-button').disabled = blocking.length > 0;
}

async function prefill() {
  const idType = byId('ap-idtype').value;
  const idNumber = byId('ap-idnumber').value.trim().toUpperCase();
  const msg = byId('prefill-msg');
  if (!idNumber) return say(msg, '请先输入证件号码', 'error');
  const answer = await clerkApi(`/api/residents?${new URLSearchParams({ idType, idNumber })}`);
  if (answer.status === 404) return say(msg, '一表一库中没有该申请人，请录入申请人信息。', 'info');
  if (!answer.ok) return say(msg, errorText(answer));
  const a = answer.body;
  byId('ap-kind').value = a.kind;
  byId('ap-name').value = a.name;
  byId('ap-phone').value = a.phone;
  byId('ap-contact').value = a.contact ?? '';
  say(msg, `已从一表一库调取 ${a.name} 的信息，请与申请人核对。`, 'ok');
}

async function accept(event) {
  event.preventDefault();
  const msg = byId('accept-msg');
  if (!matter) return say(msg, '请先选择事项');
  const applicant = {
    kind: byId('ap-kind').value,
    name: byId('ap-name').value.trim(),
    idType: byId('ap-idtype').value,
    idNumber: byId('ap-idnumber').value.trim().toUpperCase(),
    phone: byId('ap-phone').value.trim(),
  };
  const contact = byId('ap-contact').value.trim();
  if (contact) applicant.contact = contact;
  const empty = [['ap-idnumber', '证件号码'], ['ap-name', '姓名/名称'], ['ap-phone', '手机号码']].filter(([id]) => !byId(id).value.trim());
  for (const [id] of [['ap-idnumber'], ['ap-name'], ['ap-phone']]) byId(id).setAttribute('aria-invalid', String(empty.some(([e]) => e === id)));
  if (empty.length) return say(msg, `请填写：${empty.map(([, n]) => n).join('、')}`);
  const button = byId('accept-button');
  button.disabled = true;
  const answer = await clerkApi('/api/cases', { method: 'POST', body: { matterCode: matter.code, applicant, received: assess().received } });
  button.disabled = false;
  if (!answer.ok) return say(msg, errorText(answer));
  location.assign(`/window/notice/${encodeURIComponent(answer.body.id)}`);
}

byId('matter-search').addEventListener('submit', (e) => {
  e.preventDefault();
  void search(byId('matter-q').value.trim());
});
byId('prefill').addEventListener('click', () => void prefill());
byId('accept-form').addEventListener('submit', (e) => void accept(e));
byId('ap-kind').addEventListener('change', () => {
  byId('ap-idtype').value = byId('ap-kind').value === 'company' ? 'uscc' : 'resident-id';
});

requireClerk(() => {
  void search('');
  if (CONFIG.matter && !matter) void choose(CONFIG.matter);
});
