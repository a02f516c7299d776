// The window's case page, its way through the offices: the stages and where the case is,
// forwarding (转报), the applicant's make-up for a return (补正), delivery (出件) and pick-up.
// case.js renders the case and announces it ('hallnet:case'); a change made here goes back to it.
import { CONFIG, L, byId, errorText, fill, fmtDateTime, h, say } from './common.js';
import { forwardTargets, holderText, matterOf, organisations, postEvent, returnedBy, stagesDone, stagesView } from './case-parts.js';

let current;

/** Posts an event and hands the case after it back to case.js, which renders every card again. */
async function act(body, done) {
  const answer = await postEvent(current.id, body);
  if (!answer.ok) return say(byId('case-msg'), errorText(answer));
  say(byId('case-msg'), done, 'ok');
  document.dispatchEvent(new CustomEvent('hallnet:case-changed', { detail: answer.body }));
}

function renderDelivery(c) {
  byId('delivery-card').hidden = c.status !== 'completed';
  const d = c.delivery;
  byId('delivery-form').hidden = Boolean(d);
  byId('delivery-done').hidden = !d;
  if (!d) return;
  const fact = (term, value) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId('delivery-facts'),
    fact('出件方式', L.delivery[d.method] ?? d.method),
    fact('出件时间', fmtDateTime(d.at)),
    d.courier ? fact('快递公司', d.courier) : null,
    d.tracking ? fact('运单号', d.tracking) : null,
    fact('领取', c.pickedUpAt ? `已于 ${fmtDateTime(c.pickedUpAt)} 领取` : '尚未领取'),
  );
  byId('locker-code-box').hidden = d.method !== 'locker';
  byId('locker-code').textContent = d.lockerCode ?? '';
  byId('picked-up-button').hidden = Boolean(c.pickedUpAt);
  byId('picked-up-button').textContent = d.method === 'courier' ? '申请人已签收' : '申请人已领取';
}

async function render(c) {
  current = c;
  const [matter, orgs] = await Promise.all([matterOf(c.matterCode), organisations()]);
  const open = c.status === 'processing';
  const staged = (matter?.stages ?? []).length > 0;
  // A staged case completes by itself with the last approval: no 办结 button before that.
  if (open && !stagesDone(c, matter)) byId('complete-card').hidden = true;
  byId('stages-card').hidden = !staged && !c.forwards.length && !c.waitingForApplicant;
  byId('holder-line').textContent = open ? `当前：${holderText(c, CONFIG.org, orgs)}` : '';
  fill(byId('stages-view'), staged ? stagesView(c, matter, orgs) : null);

  // A case made up after a return goes on at the office that returned it, not from here.
  const targets = open && c.holder === CONFIG.org && !c.waitingForApplicant && !returnedBy(c) ? forwardTargets(c, matter, CONFIG.org, orgs) : [];
  byId('forward-card').hidden = !targets.length;
  const select = byId('forward-to');
  const chosen = select.value;
  fill(select, targets.map((o) => h('option', { value: o.path }, `${o.name}${o.kind === 'department' ? '（部门）' : ''}`)));
  if (targets.some((o) => o.path === chosen)) select.value = chosen;

  const waiting = c.waitingForApplicant;
  byId('supplement-card').hidden = !(open && waiting && c.holder === CONFIG.org);
  if (waiting) {
    const names = new Map((matter?.materials ?? []).map((m) => [m.id, m.name]));
    byId('supplement-note').textContent = `审批机构退回补正：${waiting.note}`;
    fill(
      byId('supplement-list'),
      waiting.materials.map((id) => h('li', {}, h('input', { type: 'checkbox', id: `sup-${id}`, value: id }), h('label', { for: `sup-${id}` }, names.get(id) ?? id))),
    );
  }
  renderDelivery(c);
}

document.addEventListener('hallnet:case', (e) => void render(e.detail));

byId('forward-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId('forward-to').value;
  if (!to) return;
  const note = byId('forward-note').value.trim();
  const name = byId('forward-to').selectedOptions[0]?.textContent ?? to;
  void act(note ? { kind: 'forwarded', to, note } : { kind: 'forwarded', to }, `已转报至 ${name}`).then(() => (byId('forward-note').value = ''));
});

byId('supplement-button').addEventListener('click', () => {
  const boxes = [...byId('supplement-list').querySelectorAll('input[type=checkbox]')];
  const missing = boxes.filter((b) => !b.checked);
  if (missing.length) return say(byId('case-msg'), `还缺：${missing.map((b) => b.labels[0]?.textContent).join('、')}。要求的材料须全部收齐。`);
  void act({ kind: 'supplemented', materials: boxes.map((b) => b.value) }, '已登记补正材料，办件恢复计时');
});

for (const radio of document.querySelectorAll('input[name=delivery-method]')) {
  radio.addEventListener('change', () => (byId('courier-fields').hidden = radio.value !== 'courier' || !radio.checked));
}
byId('delivery-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const method = document.querySelector('input[name=delivery-method]:checked')?.value ?? 'window';
  const body = { kind: 'delivered', method };
  if (method === 'courier') {
    const courier = byId('courier-name').value.trim();
    const tracking = byId('courier-tracking').value.trim();
    if (!courier || !tracking) return say(byId('case-msg'), '快递送达须填写快递公司和运单号');
    Object.assign(body, { courier, tracking });
  }
  void act(body, `已出件：${L.delivery[method]}`);
});
byId('picked-up-button').addEventListener('click', () => void act({ kind: 'picked-up' }, '已登记领取'));
byId('delivery-print').addEventListener('click', () => window.print());
