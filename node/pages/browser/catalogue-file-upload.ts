// 事项管理: a blank form or sample uploaded to a draft, to travel with the published version.
import { errorText, sessions } from './api.js';
import { h, type MessageKind } from './dom.js';

/** 上传表格: a blank form or sample (PDF, JPEG, PNG) attached to the draft; an approved draft then needs a review again. */
export function fileUpload(
  d: { code: string; version: number; state: string },
  msg: (text: string, kind?: MessageKind) => void,
  reload: () => Promise<void>,
): HTMLElement {
  const file = h('input', {
    type: 'file',
    accept: 'application/pdf,image/jpeg,image/png',
    'aria-label': `${d.code} 第 ${d.version} 版的表格文件`,
  });
  const title = h('input', {
    type: 'text',
    maxlength: 100,
    placeholder: '表格名称',
    'aria-label': `${d.code} 第 ${d.version} 版的表格名称`,
  });
  const kind = h(
    'select',
    { 'aria-label': '表格类型' },
    h('option', { value: 'blank' }, '空白表格'),
    h('option', { value: 'sample' }, '示例样表'),
  );
  const upload = async () => {
    const chosen = file.files?.[0];
    if (!chosen || !title.value.trim()) return msg('请选择文件并填写表格名称');
    const id = `f${Date.now().toString(36)}`;
    const path = `/api/catalogue-drafts/${encodeURIComponent(d.code)}/${d.version}/files/${id}?title=${encodeURIComponent(title.value.trim())}&kind=${kind.value}`;
    const res = await fetch(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${sessions.clerk.get()?.token ?? ''}`, 'content-type': chosen.type },
      body: chosen,
    });
    const body = (await res.json().catch(() => undefined)) as unknown;
    if (!res.ok) return msg(errorText({ status: res.status, body }));
    msg(`已上传：${title.value.trim()}${d.state === 'approved' ? '；草稿已退回待审核' : ''}`, 'ok');
    await reload();
  };
  return h(
    'div',
    { class: 'file-upload' },
    kind,
    title,
    file,
    h('button', { type: 'button', class: 'secondary', onclick: () => void upload() }, '上传表格'),
  );
}
