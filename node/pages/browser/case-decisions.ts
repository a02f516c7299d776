// What the office holding a case decides from its case page, on the window's page and the back
// office's alike: start the next stage of parallel approval, send the case back for materials,
// extend its deadline, refuse it (退件) or record its withdrawal — each offered only as the case
// allows — and, for what is not offered, why.
import { CASE_FLOW_CARDS as F } from '../ids/desk-ids.js';
import { nextStage, returnTargets, stagesDone, worksHere, type MatterGuide } from './case-parts.js';
import type { CaseView } from './case-view.js';
import { L } from './config.js';
import { byId, fill, h } from './dom.js';
import { fmtDate } from './formats.js';
import type { Org } from './organisations.js';

/** Posts an event for the page and says `done` when it went through; false when refused (the page showed why). */
export type PostAction = (body: Record<string, unknown>, done: string) => Promise<boolean>;

/**
 * Why this office is not offered an action on the case now, in the clerk's words: who holds the
 * case, what the applicant still owes, which approvals still run. Empty for a closed case.
 */
export function whyNotOffered(
  c: CaseView,
  matter: MatterGuide | null,
  myOrg: string,
  orgs: ReadonlyMap<string, Org>,
): string[] {
  if (c.status !== 'processing') return [];
  const name = (p: string) => orgs.get(p)?.name ?? p;
  const out: string[] = [];
  const w = c.waitingForApplicant;
  if (w) {
    const names = new Map((matter?.materials ?? []).map((m) => [m.id, m.name]));
    out.push(
      `等待申请人补正材料（${w.materials.map((m) => names.get(m) ?? m).join('、')}），暂停计时：材料收齐后${name(w.by)}才能继续办理。`,
    );
  } else if (!worksHere(c, myOrg)) {
    const mine = c.stages.some((s) => s.tasks.some((t) => t.department === myOrg && t.status === 'pending'));
    out.push(
      `本件当前由${name(c.holder)}负责办理：办结、退件、转报、退回补正和延长时限由该机构决定${mine ? '；本部门只审批自己的任务' : ''}。`,
    );
  }
  if (c.outstanding.length) {
    out.push(
      `容缺材料${c.outstanding.map((m) => `「${m.name}」`).join('')}尚未补齐${c.makeUpBy ? `（补正期限 ${fmtDate(c.makeUpBy)}）` : ''}：补齐后才能办结。`,
    );
  }
  const stages = matter?.stages ?? [];
  if (stages.length && !stagesDone(c, matter ?? undefined)) {
    const running = c.stages.at(-1);
    const pending = running?.tasks.filter((t) => t.status === 'pending') ?? [];
    if (running && pending.length)
      out.push(
        `并联审批第 ${running.stage + 1} 阶段「${running.name}」审批中，待 ${pending.map((t) => name(t.department)).join('、')} 审批；全部通过后由${name(c.holder)}启动下一阶段或办结。`,
      );
    else
      out.push(
        `并联审批尚未全部完成（共 ${stages.length} 个阶段，已启动 ${c.stages.length} 个）：最后一个部门通过后自动办结，不能手动办结。`,
      );
  }
  return out;
}

/** Shows the stage, return, extension and close cards as this office may use them now, and the reasons for the rest. */
export function renderDecisions(
  c: CaseView,
  matter: MatterGuide | null,
  orgs: ReadonlyMap<string, Org>,
  myOrg: string,
): void {
  const here = worksHere(c, myOrg);
  const name = (p: string) => orgs.get(p)?.name ?? p;
  const stages = matter?.stages ?? [];
  const next = here ? nextStage(c, matter ?? undefined) : undefined;
  const spec = next === undefined ? undefined : stages[next];
  byId(F.stageStartBox).hidden = !spec;
  if (next !== undefined && spec) {
    byId(F.stagesCard).hidden = false;
    byId(F.stageNext).textContent =
      `下一阶段：第 ${next + 1} 阶段「${spec.name}」，由 ${spec.departments.map(name).join('、')} 同时审批。`;
    byId(F.stageStart).textContent = `启动第 ${next + 1} 阶段（全程代办）`;
    byId(F.stageStart).dataset.stage = String(next);
  }

  const back = here ? returnTargets(c, myOrg, orgs) : [];
  byId(F.returnCard).hidden = !back.length;
  fill(
    byId(F.returnTo),
    back.map((o) => h('option', { value: o.path }, o.name)),
  );
  if (!byId(F.returnMaterials).children.length) {
    fill(
      byId(F.returnMaterials),
      (matter?.materials ?? []).map((m) =>
        h(
          'li',
          {},
          h('input', { type: 'checkbox', id: F.returnMaterial(m.id), value: m.id }),
          h(
            'label',
            { for: F.returnMaterial(m.id) },
            m.name,
            ' ',
            h('span', { class: `tag tag-${m.necessity}` }, L.necessity[m.necessity]),
          ),
        ),
      ),
    );
  }
  byId(F.extendCard).hidden = !here;
  // Refusing is the holder's alone; the accepting hall may still record that the applicant withdrew.
  byId(F.closeCard).hidden = c.status !== 'processing' || !(here || c.scope === myOrg);
  byId(F.rejectButton).hidden = !here;

  const why = whyNotOffered(c, matter, myOrg, orgs);
  byId(F.whyCard).hidden = !why.length;
  fill(
    byId(F.whyList),
    why.map((line) => h('li', {}, line)),
  );
}

/** Runs `send` with every button of `area` disabled, so a double click sends once. */
export async function whileSending<T>(area: HTMLElement, send: () => Promise<T>): Promise<T> {
  const buttons = [...area.querySelectorAll<HTMLButtonElement>('button')].filter((b) => !b.disabled);
  for (const b of buttons) b.disabled = true;
  try {
    return await send();
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

/** Wires the stage, return, extension and close cards to `post`; each clears its form once its event is recorded. */
export function bindDecisions(post: PostAction, say: (text: string) => void): void {
  byId(F.stageStart).addEventListener('click', () => {
    const stage = Number(byId(F.stageStart).dataset.stage);
    void whileSending(byId(F.stageStartBox), () =>
      post(
        Number.isInteger(stage) ? { kind: 'stage-started', stage } : { kind: 'stage-started' },
        '已启动审批阶段，各部门已收到审批任务',
      ),
    );
  });

  const checked = () => [...byId(F.returnMaterials).querySelectorAll<HTMLInputElement>('input:checked')];
  byId(F.returnForm).addEventListener('submit', (e) => {
    e.preventDefault();
    const to = byId(F.returnTo).value;
    const note = byId(F.returnNote).value.trim();
    const materials = checked().map((b) => b.value);
    if (!note || !materials.length) return say('退回补正须勾选需要补交的材料，并写明补正说明');
    void whileSending(byId(F.returnForm), () =>
      post({ kind: 'returned', to, note, materials }, '已退回补正，等待申请人补交材料（暂停计时）'),
    ).then((ok) => {
      if (!ok) return;
      byId(F.returnNote).value = '';
      for (const b of checked()) b.checked = false;
    });
  });

  byId(F.extendForm).addEventListener('submit', (e) => {
    e.preventDefault();
    const days = Number(byId(F.extendDays).value.trim());
    const reason = byId(F.extendReason).value.trim();
    if (!Number.isInteger(days) || days < 1 || days > 60 || !reason) return say('请填写延长的工作日（1–60）和原因');
    void whileSending(byId(F.extendForm), () =>
      post({ kind: 'extended', days, reason }, `已延长 ${days} 个工作日`),
    ).then((ok) => {
      if (ok) byId(F.extendDays).value = byId(F.extendReason).value = '';
    });
  });

  byId(F.closeForm).addEventListener('submit', (e) => {
    e.preventDefault();
    const kind = (e.submitter as HTMLButtonElement | null)?.value;
    if (kind !== 'rejected' && kind !== 'withdrawn') return;
    const reason = byId(F.closeReason).value.trim();
    if (kind === 'rejected' && !reason) {
      byId(F.closeReason).setAttribute('aria-invalid', 'true');
      byId(F.closeReason).focus();
      return say('退件须写明原因');
    }
    byId(F.closeReason).removeAttribute('aria-invalid');
    if (!confirm(kind === 'rejected' ? '确定退件？退件后本办件结束。' : '确定登记申请人撤回？撤回后本办件结束。'))
      return;
    void whileSending(byId(F.closeForm), () =>
      post(reason ? { kind, reason } : { kind }, `已记录：${L.event[kind]}`),
    ).then((ok) => {
      if (ok) byId(F.closeReason).value = '';
    });
  });
}
