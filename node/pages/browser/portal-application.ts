// 我的网上申请: where 预审 stands, what the clerk asked for (with a file input for each), the files sent.
import { PORTAL_APPLICATION_PAGE as P } from '../ids/online-ids.js';
import { errorText } from './api.js';
import { materialNames, type ApplicationView } from './case-view.js';
import { L, label, pageData } from './config.js';
import { byId, fill, h, say } from './dom.js';
import { fmtDate, fmtDateTime, groupCode } from './formats.js';
import { requireResident, residentApi } from './resident-session.js';
import { checkType } from './upload-type.js';

const id = pageData('caseId');
const path = `/api/online/applications/${encodeURIComponent(id)}`;

function stateText(c: ApplicationView): string {
  if (c.status === 'pre-review')
    return c.amendment ? `预审：${c.scopeName}要求补充材料，补齐后继续审核。` : `预审中：等待${c.scopeName}审核材料。`;
  if (c.status === 'refused') return `不予受理：${c.reason ?? ''}`;
  if (c.status === 'processing') return `已受理，承诺于 ${fmtDate(c.promisedBy)} 前办结。`;
  return label(L.status, c.status);
}

function render(c: ApplicationView): void {
  byId(P.appCard).hidden = false;
  byId(P.appTitle).textContent = c.matterName;
  say(byId(P.appState), stateText(c), c.status === 'refused' ? 'error' : c.amendment ? 'warn' : 'info');
  const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];
  fill(
    byId(P.appFacts),
    fact('查询码', groupCode(c.queryCode)),
    fact('申请时间', fmtDateTime(c.appliedAt)),
    fact('办理机构', c.scopeName),
    c.acceptedAt ? fact('受理时间', fmtDateTime(c.acceptedAt)) : null,
    c.acceptedBy ? fact('受理人', c.acceptedBy.name ?? c.acceptedBy.id) : null,
    c.promisedBy ? fact('承诺办结', fmtDateTime(c.promisedBy)) : null,
  );
  const asked = c.status === 'pre-review' ? c.amendment : undefined;
  byId(P.amendCard).hidden = !asked;
  if (asked) {
    byId(P.amendNote).textContent = `说明：${asked.note}`;
    const names = materialNames(c);
    fill(
      byId(P.amendList),
      asked.materials.map((m) =>
        h(
          'li',
          {},
          h('label', { for: P.amendFile(m) }, names.get(m) ?? m),
          h('input', {
            type: 'file',
            id: P.amendFile(m),
            'data-material': m,
            'data-name': names.get(m) ?? m,
            accept: 'application/pdf,image/jpeg,image/png',
          }),
        ),
      ),
    );
    for (const input of byId(P.amendList).querySelectorAll<HTMLInputElement>('input[type=file]'))
      input.addEventListener('change', () => checkType(input, byId(P.appMsg)));
  }
  // A material sent again (补传) replaces what was sent before: the latest is current, the earlier 已替换.
  const latest = new Map<string, string>();
  for (const f of c.files) if (f.at >= (latest.get(f.materialId) ?? '')) latest.set(f.materialId, f.at);
  const replaced = (f: ApplicationView['files'][number]) => f.at < latest.get(f.materialId)!;
  const resent = (f: ApplicationView['files'][number]) =>
    c.files.some((o) => o.materialId === f.materialId && replaced(o));
  fill(
    byId(P.filesList),
    c.files.length
      ? c.files.map((f) =>
          h(
            'li',
            { class: replaced(f) ? 'file-replaced' : null },
            h('strong', {}, f.name),
            ' ',
            h('span', { class: `tag tag-level-${f.level}` }, label(L.materialLevel, f.level)),
            h('span', { class: 'muted' }, ` ${fmtDateTime(f.at)}`),
            replaced(f)
              ? h('span', { class: 'tag' }, '已替换')
              : resent(f)
                ? h('span', { class: 'tag' }, '当前有效')
                : null,
          ),
        )
      : h('li', { class: 'muted' }, '没有上传的文件'),
  );
  byId(P.appCaseLink).href = `/portal/cases/${encodeURIComponent(c.id)}`;
  byId(P.appFound).hidden = false;
}

async function load(): Promise<void> {
  const answer = await residentApi<ApplicationView>(path);
  if (answer.status === 401) return location.assign(`/portal?next=${encodeURIComponent(location.pathname)}`);
  if (!answer.ok)
    return say(
      byId(P.appMsg),
      answer.status === 404 ? '本站没有查到这份申请：请在提交申请或办理它的服务大厅查看。' : errorText(answer),
    );
  render(answer.body);
}

byId(P.amendForm).addEventListener('submit', async (e) => {
  e.preventDefault();
  const inputs = [...byId(P.amendList).querySelectorAll<HTMLInputElement>('input[type=file]')];
  const chosen = inputs.filter((i) => i.files?.length);
  if (!chosen.length) return say(byId(P.appMsg), '请选择要补传的文件');
  const form = new FormData();
  for (const i of chosen) form.set(`material.${i.dataset.material}`, i.files![0]!);
  byId(P.amendButton).disabled = true;
  const answer = await residentApi<ApplicationView>(`${path}/materials`, { method: 'POST', form });
  byId(P.amendButton).disabled = false;
  if (!answer.ok) return say(byId(P.appMsg), errorText(answer));
  say(byId(P.appMsg), '已补传，等待继续审核', 'ok');
  render(answer.body);
});

requireResident(() => void load());
