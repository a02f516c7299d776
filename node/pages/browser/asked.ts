// What a resident's case asks of him now, in words: materials to add and where, how to collect the result.
import type { Asked } from '../../../sync/index.js';
import { h } from './dom.js';
import { fmtDate } from './formats.js';

const names = (materials: readonly { name: string }[]) => materials.map((m) => m.name).join('、');

/** One thing asked of the resident, as a line of the portal; a pickup code stands out so it can be read at the locker. */
export function askedLine(a: Asked): HTMLElement {
  switch (a.kind) {
    case 'materials':
      return h(
        'span',
        {},
        h('strong', {}, `退回补正：请到${a.where}补交 ${names(a.materials)}`),
        a.note ? h('span', { class: 'muted' }, ` 说明：${a.note}`) : null,
      );
    case 'make-up':
      return h(
        'span',
        {},
        `容缺材料：${names(a.materials)}，请${a.by ? `于 ${fmtDate(a.by)} 前` : '尽快'}到${a.where}补齐`,
      );
    case 'pickup-window':
      return h('span', {}, `办理结果已送达${a.where}，请携带本人身份证件到窗口领取`);
    case 'pickup-locker':
      return h(
        'span',
        {},
        `办理结果已放入${a.where}的智能柜，取件码 `,
        h('span', { class: 'pickup-code' }, a.lockerCode),
      );
    case 'courier':
      return h('span', {}, `办理结果已由${a.courier ?? '快递'}寄出`, a.tracking ? `，运单号 ${a.tracking}` : '');
  }
}
