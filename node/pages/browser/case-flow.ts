// The window's case page, its way through the offices: the stages and where the case is,
// forwarding (转报), the applicant's make-up for a return (补正), delivery (出件) and pick-up, and
// what the office holding it decides here (case-decisions.ts). case.ts renders the case and announces it ('hallnet:case'); a change made here goes back to it.
import { CASE_FLOW_CARDS as F, CASE_PAGE as P } from '../ids/desk-ids.js';
import { errorText } from './api.js';
import { forwardTargets, holderText, matterOf, postEvent, returnedBy, stagesDone, stagesView } from './case-parts.js';
import type { CaseView } from './case-view.js';
import { L, label } from './config.js';
import { bindDecisions, renderDecisions, whileSending } from './case-decisions.js';
import { clerkOrg } from './clerk-session.js';
import { byId, checkboxes, fill, h, say } from './dom.js';
import { fmtDateTime } from './formats.js';
import { organisations } from './organisations.js';
import { emit, on } from './page-events.js';

let current: CaseView | undefined;

/** Posts an event and hands the case after it back to case.ts, which renders every card again. */
async function act(body: Record<string, unknown>, done: string): Promise<boolean> {
  if (!current) return false;
  const answer = await postEvent(current.id, body);
  if (!answer.ok) {
    say(byId(P.caseMsg), errorText(answer));
    return false;
  }
  say(byId(P.caseMsg), done, 'ok');
  emit('hallnet:case-changed', answer.body);
  return true;
}

function renderDelivery(c: CaseView): void {
  byId(F.deliveryCard).hidden = c.status !== 'completed';
  const d = c.delivery;
  byId(F.deliveryForm).hidden = Boolean(d);
  byId(F.deliveryDone).hidden = !d;
  if (!d) return;
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId(F.deliveryFacts),
    fact('出件方式', label(L.delivery, d.method)),
    fact('出件时间', fmtDateTime(d.at)),
    d.courier ? fact('快递公司', d.courier) : null,
    d.tracking ? fact('运单号', d.tracking) : null,
    fact('领取', c.pickedUpAt ? `已于 ${fmtDateTime(c.pickedUpAt)} 领取` : '尚未领取'),
  );
  byId(F.lockerCodeBox).hidden = d.method !== 'locker';
  byId(F.lockerCode).textContent = d.lockerCode ?? '';
  byId(F.pickedUpButton).hidden = Boolean(c.pickedUpAt);
  byId(F.pickedUpButton).textContent = d.method === 'courier' ? '申请人已签收' : '申请人已领取';
}

async function render(c: CaseView): Promise<void> {
  current = c;
  const [matter, orgs] = await Promise.all([matterOf(c.matterCode), organisations()]);
  const open = c.status === 'processing';
  const myOrg = clerkOrg();
  const staged = (matter?.stages ?? []).length > 0;
  // A staged case completes by itself with the last approval: no 办结 button before that.
  if (open && !stagesDone(c, matter ?? undefined)) byId(P.completeCard).hidden = true;
  // A case without stages shows here only where it stands, while it is open: the card is not called 并联审批 then.
  byId(F.stagesCard).hidden = !staged && !(open && (c.forwards.length || c.waitingForApplicant));
  byId(F.stagesTitle).textContent = staged ? '并联审批' : '办理进度';
  byId(F.holderLine).textContent = open ? `当前：${holderText(c, myOrg, orgs)}` : '';
  fill(byId(F.stagesView), staged ? stagesView(c, matter, orgs, myOrg) : null);
  renderDecisions(c, matter, orgs, myOrg);

  // A case made up after a return goes on at the office that returned it, not from here.
  const targets =
    open && c.holder === myOrg && !c.waitingForApplicant && !returnedBy(c)
      ? forwardTargets(c, matter, myOrg, orgs)
      : [];
  byId(F.forwardCard).hidden = !targets.length;
  const select = byId(F.forwardTo);
  const chosen = select.value;
  fill(
    select,
    targets.map((o) => h('option', { value: o.path }, `${o.name}${o.kind === 'department' ? '（部门）' : ''}`)),
  );
  if (targets.some((o) => o.path === chosen)) select.value = chosen;

  const waiting = c.waitingForApplicant;
  byId(F.supplementCard).hidden = !(open && waiting && c.holder === myOrg);
  if (waiting) {
    const names = new Map((matter?.materials ?? []).map((m) => [m.id, m.name]));
    byId(F.supplementNote).textContent = `审批机构退回补正：${waiting.note}`;
    fill(
      byId(F.supplementList),
      waiting.materials.map((id) =>
        h(
          'li',
          {},
          h('input', { type: 'checkbox', id: F.supplied(id), value: id }),
          h('label', { for: F.supplied(id) }, names.get(id) ?? id),
        ),
      ),
    );
  }
  renderDelivery(c);
}

on('hallnet:case', (c) => void render(c));

byId(F.forwardForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const to = byId(F.forwardTo).value;
  if (!to) return;
  const note = byId(F.forwardNote).value.trim();
  const name = byId(F.forwardTo).selectedOptions[0]?.textContent ?? to;
  void whileSending(byId(F.forwardForm), () =>
    act(note ? { kind: 'forwarded', to, note } : { kind: 'forwarded', to }, `已转报至 ${name}`),
  ).then((ok) => {
    if (ok) byId(F.forwardNote).value = '';
  });
});

byId(F.supplementButton).addEventListener('click', () => {
  const boxes = checkboxes(byId(F.supplementList));
  const missing = boxes.filter((b) => !b.checked);
  if (missing.length)
    return say(
      byId(P.caseMsg),
      `还缺：${missing.map((b) => b.labels?.[0]?.textContent).join('、')}。要求的材料须全部收齐。`,
    );
  void whileSending(byId(F.supplementCard), () =>
    act({ kind: 'supplemented', materials: boxes.map((b) => b.value) }, '已登记补正材料，办件恢复计时'),
  );
});

const methods = () => [...byId(F.deliveryForm).querySelectorAll<HTMLInputElement>('input[name=delivery-method]')];
for (const radio of methods()) {
  radio.addEventListener('change', () => {
    byId(F.courierFields).hidden = radio.value !== 'courier' || !radio.checked;
  });
}
byId(F.deliveryForm).addEventListener('submit', (e) => {
  e.preventDefault();
  const method = methods().find((r) => r.checked)?.value ?? 'window';
  const body: Record<string, string> = { kind: 'delivered', method };
  if (method === 'courier') {
    const courier = byId(F.courierName).value.trim();
    const tracking = byId(F.courierTracking).value.trim();
    if (!courier || !tracking) return say(byId(P.caseMsg), '快递送达须填写快递公司和运单号');
    Object.assign(body, { courier, tracking });
  }
  void whileSending(byId(F.deliveryForm), () => act(body, `已出件：${label(L.delivery, method)}`));
});
byId(F.pickedUpButton).addEventListener(
  'click',
  () => void whileSending(byId(F.deliveryDone), () => act({ kind: 'picked-up' }, '已登记领取')),
);
bindDecisions(act, (text) => say(byId(P.caseMsg), text));
byId(F.deliveryPrint).addEventListener('click', () => window.print());
